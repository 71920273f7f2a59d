package dev.tollgate.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.http.auth.KeyProperties;
import dev.tollgate.http.config.KafkaConnectionProperties;
import dev.tollgate.ingest.IngestProperties;
import dev.tollgate.planapi.store.PlanApiProperties;
import dev.tollgate.rater.runtime.RaterProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists every property of the configuration records with its default; this binds
 * each record with only the required properties set and holds the page to what the code binds.
 */
class ConfigurationDefaultsTest {

    private static final List<Class<? extends Record>> RECORDS = List.of(KafkaConnectionProperties.class,
        KeyProperties.class, IngestProperties.class, PlanApiProperties.class, RaterProperties.class);
    private static final Map<String, Object> REQUIRED = Map.of(
        "tollgate.kafka.bootstrap-servers", "127.0.0.1:9092",
        "tollgate.admin-key", "admin",
        "tollgate.ingest-key", "ingest",
        "tollgate.rater.data-dir", "/tmp/tollgate-configuration-test",
        "tollgate.rater.advertised-endpoint", "127.0.0.1:8080");
    private static final Pattern ROW = Pattern.compile("^\\| `(tollgate\\.[a-z.-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    @Test
    void shouldDocumentEveryPropertyWithTheDefaultTheRecordsBind() throws IOException {
        final Map<String, String> documented = documented();
        final Map<String, String> bound = new TreeMap<>();
        try (ApplicationContext context = ApplicationContext.run(REQUIRED)) {
            for (final Class<? extends Record> type : RECORDS) {
                final Record settings = context.getBean(type);
                final String prefix = type.getAnnotation(ConfigurationProperties.class).value();
                for (final RecordComponent component : type.getRecordComponents()) {
                    final String name = prefix + "." + kebab(component.getName());
                    bound.put(name, REQUIRED.containsKey(name) ? "required" : shown(value(settings, component)));
                }
            }
        }
        assertEquals(bound, documented);
    }

    @Test
    void shouldRefuseABadValueNamingTheProperty() {
        final Map<String, Object> properties = new HashMap<>(REQUIRED);
        properties.put("tollgate.rater.stream-threads", 0);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            final BeanInstantiationException refused = assertThrows(
                BeanInstantiationException.class, () -> context.getBean(RaterProperties.class));
            assertTrue(messages(refused).contains("tollgate.rater.stream-threads must be at least 1"),
                messages(refused));
        }
    }

    private static Map<String, String> documented() throws IOException {
        final String page = Files.readString(Path.of("..", "docs", "configuration.md"));
        final Map<String, String> rows = new TreeMap<>();
        final Matcher row = ROW.matcher(page);
        while (row.find()) {
            rows.put(row.group(1), normalised(row.group(2).trim().replace("`", "")));
        }
        return rows;
    }

    /** P35D and PT840H are one duration: compare durations as Java prints them. */
    private static String normalised(final String shown) {
        try {
            return Duration.parse(shown).toString();
        } catch (DateTimeParseException notADuration) {
            return shown;
        }
    }

    private static Object value(final Record settings, final RecordComponent component) {
        try {
            return component.getAccessor().invoke(settings);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static String shown(final Object value) {
        return value == null ? "unset" : value.toString();
    }

    private static String kebab(final String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String messages(final Throwable error) {
        final StringBuilder all = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
