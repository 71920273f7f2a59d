package dev.tollgate.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void shouldDefaultToTextAndTakeEitherCase() {
        assertEquals(LogFormat.TEXT, LogFormat.fromEnvironment(Map.of()));
        assertEquals(LogFormat.TEXT, LogFormat.fromEnvironment(Map.of(LogFormat.VARIABLE, "text")));
        assertEquals(LogFormat.JSON, LogFormat.fromEnvironment(Map.of(LogFormat.VARIABLE, "json")));
        assertEquals(LogFormat.JSON, LogFormat.fromEnvironment(Map.of(LogFormat.VARIABLE, "JSON")));
    }

    @Test
    void shouldRefuseAnUnknownFormatNamingTheVariable() {
        final LaunchException refused = assertThrows(LaunchException.class,
            () -> LogFormat.fromEnvironment(Map.of(LogFormat.VARIABLE, "xml")));
        assertEquals("TOLLGATE_LOG_FORMAT must be text or json, not 'xml'", refused.getMessage());
    }

    @Test
    void shouldWriteOneJsonObjectPerLineWithTheRequestId() throws Exception {
        final String output = logOneLine(LogFormat.JSON);

        final JsonNode line = Json.mapper().readTree(output.strip());
        assertEquals("INFO", line.get("level").asText());
        assertEquals("dev.tollgate.probe", line.get("loggerName").asText());
        assertEquals("rated 3 events", line.get("formattedMessage").asText());
        assertEquals("req-json-1", line.get("mdc").get("request_id").asText());
        assertEquals(1, output.strip().lines().count(), output);
    }

    @Test
    void shouldWriteTextLinesWithTheRequestIdInBrackets() throws Exception {
        final String output = logOneLine(LogFormat.TEXT);

        assertTrue(output.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  dev.tollgate.probe \\[req-json-1] - rated 3 events\\R"),
            output);
    }

    /** Configures a logger context from the launcher's logback.xml and logs one line with a request id. */
    private static String logOneLine(final LogFormat format) throws Exception {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.putProperty(LogFormat.PROPERTY, format.name());
            final JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormat.class.getClassLoader().getResource("logback.xml"));
            context.getMDCAdapter().put("request_id", "req-json-1");
            context.getLogger("dev.tollgate.probe").info("rated {} events", 3);
            assertEquals(List.of(), context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() >= Status.WARN).map(Status::getMessage).toList(),
                "logback configures without warnings, which it would print at every start");
        } finally {
            context.stop();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
