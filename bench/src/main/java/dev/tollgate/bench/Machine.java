package dev.tollgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine a run measured on: figures from different machines are not comparable. */
record Machine(int cores, String cpuModel, long memoryMb, String javaVersion) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
            procField("/proc/cpuinfo", "model name").orElse("unknown"),
            procField("/proc/meminfo", "MemTotal").map(kb -> Long.parseLong(kb.replaceAll("\\D", "")) / 1024)
                .orElse(0L),
            System.getProperty("java.version"));
    }

    /** The value of the first "name : value" line of a /proc file; empty where there is none. */
    private static Optional<String> procField(final String file, final String name) {
        try {
            final List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(line -> line.startsWith(name)).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
