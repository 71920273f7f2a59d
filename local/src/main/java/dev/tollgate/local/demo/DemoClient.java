package dev.tollgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.model.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo's calls to Tollgate's public HTTP API, with the keys a user would use. */
final class DemoClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern RATED = Pattern.compile("^tollgate_events_rated_total(?:\\{[^}]*})? (\\S+)$",
        Pattern.MULTILINE);
    private static final Pattern REJECTED = Pattern.compile(
        "^tollgate_events_rejected_total\\{[^}]*reason=\"([A-Z_]+)\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    /** A status the demo did not expect, with the problem the server answered. */
    static final class UnexpectedAnswer extends RuntimeException {
        UnexpectedAnswer(final String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String baseUrl;
    private final String adminKey;
    private final String ingestKey;

    DemoClient(final String baseUrl, final String adminKey, final String ingestKey) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
        this.ingestKey = ingestKey;
    }

    /** POSTs a catalog body with the admin key; anything but 201 is an error naming the path. */
    JsonNode create(final String path, final JsonNode body) {
        return expect(201, send(request(path, adminKey).POST(json(body))), "POST " + path);
    }

    /** Sends events through {@code POST /v1/events/batch} with the ingest key. */
    void sendBatch(final JsonNode batch) {
        expect(202, send(request("/v1/events/batch", ingestKey).POST(json(batch))), "POST /v1/events/batch");
    }

    JsonNode get(final String path) {
        return expect(200, send(request(path, adminKey).GET()), "GET " + path);
    }

    /** A GET's status and body, for answers the caller judges itself. */
    HttpResponse<String> read(final String path) {
        return send(request(path, adminKey).GET());
    }

    JsonNode delete(final String path) {
        return expect(200, send(request(path, adminKey).DELETE()), "DELETE " + path);
    }

    boolean healthy() {
        try {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(TIMEOUT).GET()).statusCode()
                == 200;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    /** Events the rater decided (rated, or rejected for any reason), from {@code /prometheus}. */
    long decidedEvents() {
        final String metrics = prometheus();
        final Matcher rated = RATED.matcher(metrics);
        long decided = rated.find() ? (long) Double.parseDouble(rated.group(1)) : 0;
        for (final long count : rejections(metrics).values()) {
            decided += count;
        }
        return decided;
    }

    /** Rejected events by reason, those with none left out. */
    Map<String, Long> rejections() {
        return rejections(prometheus());
    }

    private static Map<String, Long> rejections(final String metrics) {
        final Map<String, Long> counts = new TreeMap<>();
        final Matcher rejected = REJECTED.matcher(metrics);
        while (rejected.find()) {
            final long count = (long) Double.parseDouble(rejected.group(2));
            if (count > 0) {
                counts.put(rejected.group(1), count);
            }
        }
        return counts;
    }

    private String prometheus() {
        final HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/prometheus"))
            .timeout(TIMEOUT).GET());
        if (answer.statusCode() != 200) {
            throw new UnexpectedAnswer("GET /prometheus answered " + answer.statusCode());
        }
        return answer.body();
    }

    private HttpRequest.Builder request(final String path, final String key) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher json(final JsonNode body) {
        return HttpRequest.BodyPublishers.ofString(body.toString());
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + baseUrl, e);
        }
    }

    private static JsonNode expect(final int status, final HttpResponse<String> answer, final String call) {
        if (answer.statusCode() != status) {
            throw new UnexpectedAnswer(call + " answered " + answer.statusCode() + ": " + answer.body());
        }
        try {
            return Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new UnexpectedAnswer(call + " answered a body that is not JSON: " + answer.body());
        }
    }
}
