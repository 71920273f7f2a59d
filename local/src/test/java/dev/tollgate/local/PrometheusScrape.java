package dev.tollgate.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a {@code GET /prometheus} answer in the text format, as an operator's Prometheus reads them. */
record PrometheusScrape(List<Sample> samples) {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One line: a metric name, its labels and its value. */
    record Sample(String name, Map<String, String> labels, double value) {

        String label(final String label) {
            return labels.getOrDefault(label, "");
        }
    }

    static PrometheusScrape parse(final String text) {
        final List<Sample> samples = new ArrayList<>();
        for (final String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample: " + line);
            }
            final Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                final Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusScrape(List.copyOf(samples));
    }

    List<Sample> named(final String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    List<Sample> named(final String name, final Predicate<Sample> which) {
        return named(name).stream().filter(which).toList();
    }

    Set<String> names() {
        final Set<String> names = new TreeSet<>();
        samples.forEach(sample -> names.add(sample.name()));
        return names;
    }
}
