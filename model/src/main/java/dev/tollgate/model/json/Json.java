package dev.tollgate.model.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The one JSON mapping of Tollgate's wire format: snake_case names, ISO-8601 instants, money and
 * other decimals as strings so that no consumer parses them through a binary double.
 */
public final class Json {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

    private Json() {
    }

    /** Applies Tollgate's wire conventions to a mapper builder (also used for Micronaut's mapper). */
    public static JsonMapper.Builder configure(final JsonMapper.Builder builder) {
        final JsonMapper.Builder configured = builder
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .serializationInclusion(JsonInclude.Include.NON_NULL);
        configured.withConfigOverride(BigDecimal.class,
            override -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
        return configured;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(final Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String writeString(final Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(final byte[] bytes, final Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName() + " from JSON", e);
        }
    }

    /**
     * Parses a tree of UTF-8 JSON, throwing {@link JsonProcessingException} on any input that is not, so
     * that callers answer 400 or reject the record: other encodings (UTF-16, UTF-32, invalid UTF-8) are
     * refused with a reason, and no input makes it throw anything else.
     */
    public static JsonNode tree(final byte[] bytes) throws JsonProcessingException {
        final String encoding = Utf8.problem(bytes);
        if (encoding != null) {
            throw new JsonParseException(null, encoding);
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException | NumberFormatException e) {
            // Reading from an array fails only on the content: a CharConversionException, or a number whose
            // exponent overflows an int (1e2147483648), which Jackson lets out as a NumberFormatException.
            throw new JsonParseException(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    public static <T> T convert(final JsonNode node, final Class<T> type) {
        return MAPPER.convertValue(node, type);
    }
}
