package dev.tollgate.local.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Hostile records for one input topic, made from valid records of that topic: random bytes,
 * flipped and truncated JSON, hostile field values, JSON of the wrong shape, tombstones, null and
 * odd keys, odd encodings, records near the broker's size limit and keys on the wrong partition.
 */
final class TopicProbes {

    /** A valid record of a topic: what the mutations start from. */
    record Sample(String key, byte[] value) {
    }

    /** One record to write; a null partition lets the producer choose. */
    record Written(String topic, Integer partition, String key, byte[] value, String label) {

        String describe() {
            return topic + (partition == null ? "" : "[" + partition + "]") + " key="
                + (key == null ? "null" : Hostile.preview(key)) + " [" + label + "] value("
                + (value == null ? "null" : value.length + " bytes") + ")="
                + (value == null ? "" : Hostile.preview(new String(value, StandardCharsets.UTF_8)));
        }
    }

    /** Close to the broker's default message.max.bytes (1,048,588), in a record of its own. */
    static final int NEAR_LIMIT = 1_040_000;

    private final Hostile hostile;
    private final int partitions;

    TopicProbes(final Hostile hostile, final int partitions) {
        this.hostile = hostile;
        this.partitions = partitions;
    }

    List<Written> generate(final String topic, final List<Sample> samples, final List<Sample> otherShapes,
                           final int count) {
        final List<Written> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(topic, samples, otherShapes, i));
        }
        return records;
    }

    private Written record(final String topic, final List<Sample> samples, final List<Sample> otherShapes, final int i) {
        final Sample picked = hostile.pick(samples);
        // Usage samples carry "hxk_" ids: each record gets its own, so a valid one is rated, not a duplicate.
        final Sample sample = new Sample(picked.key(), new String(picked.value(), StandardCharsets.UTF_8)
            .replace("\"hxk_", "\"hxk" + i + "_").getBytes(StandardCharsets.UTF_8));
        final String freshKey = "hx-" + topic.replace("tollgate.", "") + "-" + i;
        final String key = hostile.chance(0.5) ? sample.key() : freshKey;
        final int kind = hostile.nextInt(100);
        if (kind < 14) {
            final byte[] bytes = new byte[hostile.nextInt(3_000)];
            for (int b = 0; b < bytes.length; b++) {
                bytes[b] = (byte) hostile.nextInt(256);
            }
            return new Written(topic, null, freshKey, bytes, "random bytes");
        }
        if (kind < 28) {
            final Hostile.Mutation mutation = hostile.mutateBytes(sample.value());
            return new Written(topic, null, key, mutation.body(), mutation.label());
        }
        if (kind < 36) {
            final Hostile.Mutation mutation = hostile.truncate(sample.value());
            return new Written(topic, null, key, mutation.body(), mutation.label());
        }
        if (kind < 60) {
            final Hostile.Mutation mutation = hostile.mutateField(tree(sample), 1 + hostile.nextInt(3));
            return new Written(topic, null, key, mutation.body(), mutation.label());
        }
        if (kind < 66) {
            final Sample other = hostile.pick(otherShapes);
            return new Written(topic, null, key, other.value(), "another topic's record");
        }
        if (kind < 70) {
            final Hostile.Mutation mutation = hostile.shape(tree(sample));
            return new Written(topic, null, key, mutation.body(), mutation.label());
        }
        if (kind < 74) {
            return new Written(topic, null, key, null, "null value");
        }
        if (kind < 77) {
            return new Written(topic, null, null, hostile.chance(0.5) ? sample.value() : null, "null key");
        }
        if (kind < 82) {
            final Hostile.Mutation mutation = hostile.encode(sample.value());
            return new Written(topic, null, key, mutation.body(), mutation.label());
        }
        if (kind < 88) {
            final int home = Utils.toPositive(Utils.murmur2(new StringSerializer().serialize(topic, sample.key())))
                % partitions;
            return new Written(topic, (home + 1 + hostile.nextInt(partitions - 1)) % partitions, sample.key(),
                sample.value(), "valid, key on the wrong partition");
        }
        if (kind < 92) {
            return new Written(topic, null, freshKey, sample.value(), "valid value under another key");
        }
        if (kind < 95) {
            return new Written(topic, null, key, nearLimit(tree(sample)), "near the size limit");
        }
        final String oddKey = hostile.pick(List.of("", " ", "k".repeat(100_000), "\u0000", "\ud800", "\u202e",
            "../" + sample.key(), sample.key() + "\u200b"));
        return new Written(topic, null, oddKey, sample.value(), "odd key " + Hostile.preview(oddKey));
    }

    /** A valid record padded, with one long string or with many small fields, up to near the limit. */
    private byte[] nearLimit(final JsonNode valid) {
        final String text = Hostile.write(valid);
        final StringBuilder body = new StringBuilder(NEAR_LIMIT + 64).append(text, 0, text.length() - 1);
        if (hostile.chance(0.5)) {
            body.append(",\"padding\":\"");
            while (body.length() < NEAR_LIMIT - 2) {
                body.append('x');
            }
            body.append('"');
        } else {
            for (int i = 0; body.length() < NEAR_LIMIT - 16; i++) {
                body.append(",\"f").append(i).append("\":").append(i);
            }
        }
        return body.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(final Sample sample) {
        return Hostile.parse(new String(sample.value(), StandardCharsets.UTF_8));
    }

    /** Valid usage events as a producer outside Tollgate would write them. */
    static List<Sample> usageSamples(final String customer, final String type, final Map<String, String> extra) {
        final List<Sample> samples = new ArrayList<>();
        samples.add(new Sample(customer, ("{\"id\":\"hxk_0\",\"type\":\"" + type + "\",\"customer_id\":\"" + customer
            + "\",\"properties\":{\"seconds\":7,\"region\":\"eu\"}}").getBytes(StandardCharsets.UTF_8)));
        samples.add(new Sample(customer, ("{\"id\":\"hxk_1\",\"type\":\"" + type + "\",\"customer_id\":\"" + customer
            + "\",\"timestamp\":\"" + java.time.Instant.now() + "\",\"properties\":{\"seconds\":\"0.25\",\"note\":\"n\"}}")
            .getBytes(StandardCharsets.UTF_8)));
        extra.forEach((k, v) -> samples.add(new Sample(k, v.getBytes(StandardCharsets.UTF_8))));
        return samples;
    }
}
