package dev.tollgate.pricing.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pricing module stays a pure, deterministic leaf: the enforcer rule keeps Kafka and Micronaut off the class path,
 * this test keeps JSON bindings and clock reads out of the source.
 */
class PurityTest {

    private static final List<Pattern> FORBIDDEN = Stream.of(
            "import com\\.fasterxml", "import org\\.apache\\.kafka", "import io\\.micronaut",
            "import java\\.time\\.Clock", "\\w+\\.now\\(", "System\\.currentTimeMillis", "System\\.nanoTime",
            "import java\\.util\\.Random", "Math\\.random",
            // a variable, field or parameter of a binary floating-point type
            "\\b(double|float)\\s+\\w+\\s*[=;,)]")
            .map(Pattern::compile).collect(Collectors.toList());

    @Test
    void shouldKeepMainSourcesFreeOfFrameworksClocksAndBinaryFloatingPoint() throws IOException {
        final List<String> offences;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offences = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(PurityTest::offences)
                    .collect(Collectors.toList());
        }
        assertEquals(List.of(), offences);
    }

    private static Stream<String> offences(Path file) {
        try {
            final List<String> lines = Files.readAllLines(file);
            return Stream.iterate(0, i -> i < lines.size(), i -> i + 1)
                    .flatMap(i -> FORBIDDEN.stream().filter(f -> f.matcher(lines.get(i)).find())
                            .map(f -> file.getFileName() + ":" + (i + 1) + " matches " + f.pattern()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
