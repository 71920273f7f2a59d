package dev.tollgate.planapi.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The OpenAPI document of the server: every module that serves routes ships its part as
 * {@value #FRAGMENT} on the classpath (its paths, and the schemas they use), and this merges the parts
 * of the modules present in the process. So the document lists the routes of the components that run,
 * no more, and a module's routes are documented next to its code.
 */
public final class OpenApiDocument {

    public static final String FRAGMENT = "META-INF/tollgate/openapi.yml";

    private OpenApiDocument() {
    }

    /** The merged document as YAML. */
    public static String yaml(final ClassLoader loader) {
        final DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options)
            .dump(merged(loader));
    }

    /** The merged document as maps and lists: {@code openapi}, {@code info}, {@code paths}, {@code components}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merged(final ClassLoader loader) {
        final Map<String, Object> document = new LinkedHashMap<>();
        final Map<String, Object> paths = new LinkedHashMap<>();
        final Map<String, Object> schemas = new LinkedHashMap<>();
        final Map<String, Object> responses = new LinkedHashMap<>();
        final Map<String, Object> securitySchemes = new LinkedHashMap<>();
        for (final Map<String, Object> fragment : fragments(loader)) {
            fragment.forEach((key, value) -> {
                if (key.equals("paths")) {
                    paths.putAll((Map<String, Object>) value);
                } else if (key.equals("components")) {
                    final Map<String, Object> components = (Map<String, Object>) value;
                    schemas.putAll((Map<String, Object>) components.getOrDefault("schemas", Map.of()));
                    responses.putAll((Map<String, Object>) components.getOrDefault("responses", Map.of()));
                    securitySchemes.putAll((Map<String, Object>) components.getOrDefault("securitySchemes", Map.of()));
                } else {
                    document.putIfAbsent(key, value);
                }
            });
        }
        document.put("paths", paths);
        final Map<String, Object> components = new LinkedHashMap<>();
        components.put("securitySchemes", securitySchemes);
        components.put("responses", responses);
        components.put("schemas", schemas);
        document.put("components", components);
        return document;
    }

    private static List<Map<String, Object>> fragments(final ClassLoader loader) {
        final List<Map<String, Object>> fragments = new ArrayList<>();
        try {
            final Enumeration<URL> urls = loader.getResources(FRAGMENT);
            while (urls.hasMoreElements()) {
                try (InputStream in = urls.nextElement().openStream()) {
                    fragments.add(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FRAGMENT, e);
        }
        return fragments;
    }
}
