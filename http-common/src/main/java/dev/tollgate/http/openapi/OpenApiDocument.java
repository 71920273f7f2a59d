package dev.tollgate.http.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The OpenAPI document of the server: every module that serves routes ships its part as
 * {@code META-INF/tollgate/openapi/<part>.yml} (its paths, and the schemas they use), and this merges
 * the parts of the components the process runs. So the document lists the routes the server has, no
 * more, and a module's routes are documented next to its code.
 */
public final class OpenApiDocument {

    /** The parts, in merge order: the shared one (header, errors) first. */
    public static final List<String> PARTS = List.of("common", "plan-api", "ingest", "rater", "metrics", "console");

    private OpenApiDocument() {
    }

    /** The merged document as YAML, of the parts {@code included} accepts. */
    public static String yaml(final ClassLoader loader, final Predicate<String> included) {
        final DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options)
            .dump(merged(loader, included));
    }

    /** The merged document as maps and lists: {@code openapi}, {@code info}, {@code paths}, {@code components}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merged(final ClassLoader loader, final Predicate<String> included) {
        final Map<String, Object> document = new LinkedHashMap<>();
        final Map<String, Object> paths = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> components = new LinkedHashMap<>();
        for (final Map<String, Object> fragment : fragments(loader, included)) {
            fragment.forEach((key, value) -> {
                if (key.equals("paths")) {
                    paths.putAll((Map<String, Object>) value);
                } else if (key.equals("components")) {
                    ((Map<String, Map<String, Object>>) value).forEach((section, entries) ->
                        components.computeIfAbsent(section, s -> new LinkedHashMap<>()).putAll(entries));
                } else {
                    document.putIfAbsent(key, value);
                }
            });
        }
        document.put("paths", paths);
        document.put("components", components);
        return document;
    }

    private static List<Map<String, Object>> fragments(final ClassLoader loader, final Predicate<String> included) {
        final List<Map<String, Object>> fragments = new ArrayList<>();
        for (final String part : PARTS) {
            final String name = "META-INF/tollgate/openapi/" + part + ".yml";
            final URL url = loader.getResource(name);
            if (url == null || !included.test(part)) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                fragments.add(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name, e);
            }
        }
        return fragments;
    }
}
