package dev.tollgate.planapi.store;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How the catalog writer's transactions ended, for {@link CatalogMetrics}. */
final class CatalogWriteCounts {

    /** How one transaction ended. */
    enum Outcome {
        /** Committed: the write is in the catalog. */
        COMMITTED,
        /** Another instance took over the transactional id; the write was decided again. */
        FENCED,
        /** Kafka did not take it within the bound; the request was answered 503. */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

    CatalogWriteCounts() {
        for (final Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    void count(final Outcome outcome) {
        counts.get(outcome).increment();
    }

    long total(final Outcome outcome) {
        return counts.get(outcome).sum();
    }
}
