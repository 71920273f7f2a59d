package dev.tollgate.local.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redocly CLI, installed with npm into {@code target/redocly} (so the build pins its version and
 * leaves nothing outside target/), to lint the OpenAPI document with the repository's redocly.yaml.
 */
final class RedoclyCli {

    static final String PACKAGE = "@redocly/cli@2.77.0";

    private static final Path HOME = Path.of("target", "redocly").toAbsolutePath();

    /** What one run printed on standard output, and its exit code. */
    record Run(int exitCode, String output) {
    }

    private RedoclyCli() {
    }

    /** Whether Node's npx and npm are on the PATH: without them the lint cannot run here. */
    static boolean available() {
        try {
            return run(List.of("npx", "--version"), 30, true).exitCode() == 0
                && run(List.of("npm", "--version"), 30, true).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Lints {@code document} with {@code config}, installing the CLI first when target/ has none. */
    static Run lint(final Path document, final Path config) throws IOException {
        final Path cli = HOME.resolve("node_modules").resolve(".bin").resolve("redocly");
        if (!Files.isExecutable(cli)) {
            Files.createDirectories(HOME);
            final Run install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(),
                PACKAGE), 600, true);
            if (install.exitCode() != 0) {
                throw new IllegalStateException("npm could not install " + PACKAGE + ":\n" + install.output());
            }
        }
        return run(List.of(cli.toString(), "lint", "--config", config.toAbsolutePath().toString(), "--format=json",
            document.toAbsolutePath().toString()), 300, false);
    }

    /**
     * @param withErrors whether standard error goes into the output too: npm's reasons for a failed install
     *                   are there, while the lint's JSON report on standard output must stay parseable
     */
    private static Run run(final List<String> command, final long timeoutSeconds, final boolean withErrors)
        throws IOException {
        final Path log = Files.createTempFile("redocly", ".log");
        final ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(log.toFile());
        if (withErrors) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        final Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
        final String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }
}
