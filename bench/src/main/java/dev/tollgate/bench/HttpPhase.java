package dev.tollgate.bench;

import dev.tollgate.model.topic.Topics;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The pipeline as it serves: ingest and the rater behind one HTTP server, ingest loaded by {@link IngestLoad}
 * while {@link EntitlementProbe} asks the rater. The rater rates what ingest writes meanwhile, as it would in
 * production, so both figures are taken with the whole pipeline sharing the machine.
 */
final class HttpPhase {

    /** @param written records that reached tollgate.usage-events during the phase, warm-up included */
    record Result(IngestLoad.Result ingest, EntitlementProbe.Result queries, long written) {
    }

    private HttpPhase() {
    }

    static Result run(final String bootstrapServers, final Admin admin, final Path dataDir,
                      final String raterApplicationId, final int customers, final BenchOptions options,
                      final Progress progress) throws InterruptedException, ExecutionException {
        try (PipelineServer server = PipelineServer.start(bootstrapServers, dataDir, raterApplicationId)) {
            final EntitlementProbe queries = new EntitlementProbe(server, customers);
            queries.awaitAnswers();
            final long before = Drain.committedEnd(admin, Topics.USAGE_EVENTS.name());
            final IngestLoad ingest = new IngestLoad(server, customers);
            progress.phase("http ingest warm-up", "events", ingest::accepted);
            ingest.start();
            Thread.sleep(options.ingestWarmUp().toMillis());
            ingest.startCounting();
            queries.start();
            progress.phase("http ingest + queries", "events", ingest::accepted);
            Thread.sleep(options.ingestPhase().toMillis());
            final EntitlementProbe.Result answered = queries.stop();
            final IngestLoad.Result ingested = ingest.stop();
            final long written = Drain.committedEnd(admin, Topics.USAGE_EVENTS.name()) - before;
            // A 202 promises the events are in Kafka: a figure counting events that are not would be no figure.
            if (written < ingest.accepted()) {
                throw new IllegalStateException("ingest accepted " + ingest.accepted() + " events but only "
                    + written + " reached " + Topics.USAGE_EVENTS.name());
            }
            return new Result(ingested, answered, written);
        }
    }
}
