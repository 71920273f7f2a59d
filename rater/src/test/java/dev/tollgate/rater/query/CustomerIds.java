package dev.tollgate.rater.query;

import dev.tollgate.testkit.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/** Unique customer ids, one on each partition, so that whatever the split, every instance owns some. */
final class CustomerIds {

    private CustomerIds() {
    }

    static List<String> onePerPartition(final String prefix) {
        final String[] found = new String[SharedKafka.PARTITIONS];
        final String base = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int filled = 0;
        for (int i = 0; filled < found.length; i++) {
            final String candidate = base + i;
            final int partition = partitionOf(candidate);
            if (found[partition] == null) {
                found[partition] = candidate;
                filled++;
            }
        }
        return List.of(found);
    }

    /** The Java producer's default: murmur2 of the key bytes, as the rater's own lookups compute it. */
    private static int partitionOf(final String customerId) {
        return Utils.toPositive(Utils.murmur2(customerId.getBytes(StandardCharsets.UTF_8))) % SharedKafka.PARTITIONS;
    }
}
