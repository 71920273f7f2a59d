package dev.tollgate.bench;

import dev.tollgate.model.topic.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The rater's per-event cost against the number of pricing groups one subscription keeps: for each case, that
 * case's events are written while the rater is stopped, then the rater resumes and drains them, timed as the
 * throughput drains are. Both cases run in the same warm JVM, one partition each, so only the groups differ. Each
 * group has its own limit and thresholds ({@link GroupedWorkload}), so the cost includes per-group enforcement.
 */
final class GroupsPhase {

    static final List<Integer> GROUP_COUNTS = List.of(10, 10_000);

    private GroupsPhase() {
    }

    static Map<Integer, Drain.Result> run(final String bootstrapServers, final Admin admin, final Rater rater,
                                          final int eventsPerCase, final Progress progress)
        throws InterruptedException, ExecutionException {
        final GroupedWorkload workload = new GroupedWorkload(bootstrapServers);
        workload.writeCatalog(GROUP_COUNTS, eventsPerCase);
        final Map<Integer, Drain.Result> results = new LinkedHashMap<>();
        for (final int groups : GROUP_COUNTS) {
            workload.writeEvents(groups, eventsPerCase);
            results.put(groups, Drain.run(String.format("rater, %,d groups", groups), rater.topology(),
                rater.config(), admin, Topics.RATED_USAGE.name(), eventsPerCase, progress));
        }
        return results;
    }
}
