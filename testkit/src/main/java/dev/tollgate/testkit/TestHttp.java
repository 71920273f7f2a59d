package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A plain JDK HTTP client for tests: what a curl user sees, status, headers and body. */
public final class TestHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public TestHttp(final String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An answer: status, body text, and its JSON when it is JSON. */
    public record Answer(int status, String body, HttpResponse<String> response) {

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public Optional<String> header(final String name) {
            return response.headers().firstValue(name);
        }
    }

    public Answer get(final String path, final String key) {
        return send(request(path, key).GET().build());
    }

    public Answer delete(final String path, final String key) {
        return send(request(path, key).DELETE().build());
    }

    public Answer post(final String path, final String key, final String body) {
        return send(request(path, key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Answer put(final String path, final String key, final String body, final String ifMatch) {
        final HttpRequest.Builder builder = request(path, key).header("Content-Type", "application/json");
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return send(builder.PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Answer send(final HttpRequest request) {
        try {
            final HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(final String path, final String key) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }
}
