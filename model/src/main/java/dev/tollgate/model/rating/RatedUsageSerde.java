package dev.tollgate.model.rating;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.tollgate.model.event.IsoInstants;
import dev.tollgate.model.json.Json;
import dev.tollgate.model.json.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of {@code tollgate.rated-usage}. The rater writes one such record per charge of every
 * event, and data binding was a tenth of its stream thread's time, so the record is written with
 * the streaming generator: byte for byte the JSON that {@link Json#write} gives (snake_case names in
 * component order, nulls left out, decimals as plain strings, instants in ISO-8601 UTC), which a
 * property test holds it to. Reading stays data binding.
 */
public final class RatedUsageSerde implements Serde<RatedUsage> {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    private static final SerializedString EVENT_ID = new SerializedString("event_id");
    private static final SerializedString CUSTOMER_ID = new SerializedString("customer_id");
    private static final SerializedString SUBSCRIPTION_ID = new SerializedString("subscription_id");
    private static final SerializedString PLAN = new SerializedString("plan");
    private static final SerializedString PLAN_VERSION = new SerializedString("plan_version");
    private static final SerializedString CHARGE = new SerializedString("charge");
    private static final SerializedString GROUP = new SerializedString("group");
    private static final SerializedString METER = new SerializedString("meter");
    private static final SerializedString PERIOD = new SerializedString("period");
    private static final SerializedString START = new SerializedString("start");
    private static final SerializedString END = new SerializedString("end");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString UNITS = new SerializedString("units");
    private static final SerializedString TOTAL_UNITS = new SerializedString("total_units");
    private static final SerializedString AMOUNT = new SerializedString("amount");
    private static final SerializedString CURRENCY = new SerializedString("currency");

    private final Deserializer<RatedUsage> reader = new JsonSerde<>(RatedUsage.class).deserializer();

    @Override
    public Serializer<RatedUsage> serializer() {
        return (topic, usage) -> usage == null ? null : write(usage);
    }

    @Override
    public Deserializer<RatedUsage> deserializer() {
        return reader;
    }

    /** The record's JSON. */
    public static byte[] write(final RatedUsage usage) {
        final ByteArrayBuilder out = new ByteArrayBuilder(FACTORY._getBufferRecycler(), 512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            string(json, EVENT_ID, usage.eventId());
            string(json, CUSTOMER_ID, usage.customerId());
            string(json, SUBSCRIPTION_ID, usage.subscriptionId());
            string(json, PLAN, usage.plan());
            json.writeFieldName(PLAN_VERSION);
            json.writeNumber(usage.planVersion());
            string(json, CHARGE, usage.charge());
            if (usage.group() != null) {
                json.writeFieldName(GROUP);
                json.writeStartArray();
                for (final String value : usage.group()) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            string(json, METER, usage.meter());
            if (usage.period() != null) {
                json.writeFieldName(PERIOD);
                json.writeStartObject();
                instant(json, START, usage.period().start());
                instant(json, END, usage.period().end());
                json.writeEndObject();
            }
            instant(json, TIMESTAMP, usage.timestamp());
            decimal(json, UNITS, usage.units());
            decimal(json, TOTAL_UNITS, usage.totalUnits());
            decimal(json, AMOUNT, usage.amount());
            string(json, CURRENCY, usage.currency());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a rated usage record", e);
        }
        final byte[] bytes = out.toByteArray();
        out.release();
        return bytes;
    }

    private static void string(final JsonGenerator json, final SerializedString name, final String value)
        throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            json.writeString(value);
        }
    }

    private static void instant(final JsonGenerator json, final SerializedString name, final Instant value)
        throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            json.writeString(IsoInstants.format(value));
        }
    }

    private static void decimal(final JsonGenerator json, final SerializedString name, final BigDecimal value)
        throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            json.writeString(value.toPlainString());
        }
    }
}
