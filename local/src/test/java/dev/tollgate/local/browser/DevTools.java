package dev.tollgate.local.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Chrome DevTools Protocol connection to a page: commands sent as JSON over its WebSocket, each
 * answered by the reply with its id. Events the browser sends unasked are ignored.
 */
public final class DevTools implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder message = new StringBuilder();
    private WebSocket socket;

    private DevTools() {
    }

    static DevTools connect(final URI page) {
        final DevTools devTools = new DevTools();
        devTools.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(REPLY_TIMEOUT)
            .buildAsync(page, devTools).join();
        return devTools;
    }

    /** Sends {@code method} and answers its {@code result}; a protocol error is an exception naming it. */
    public JsonNode call(final String method, final Map<String, ?> params) {
        final int id = ids.incrementAndGet();
        final CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        try {
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            final JsonNode answer = reply.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.get("result");
        } catch (JsonProcessingException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + method, e);
        } finally {
            waiting.remove(id);
        }
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
        message.append(data);
        if (last) {
            try {
                final JsonNode received = JSON.readTree(message.toString());
                if (received.has("id")) {
                    final CompletableFuture<JsonNode> reply = waiting.get(received.get("id").asInt());
                    if (reply != null) {
                        reply.complete(received);
                    }
                }
            } catch (JsonProcessingException e) {
                waiting.values().forEach(reply -> reply.completeExceptionally(e));
            }
            message.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error) {
        waiting.values().forEach(reply -> reply.completeExceptionally(error));
    }

    @Override
    public void close() {
        socket.abort();
    }
}
