package dev.tollgate.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Port checks on 127.0.0.1, the only address the embedded broker listens on. */
final class LoopbackPorts {

    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /**
     * Binds the port briefly so that a taken port is reported by number before Kafka starts,
     * instead of surfacing later as a bind error deep inside the broker's startup.
     */
    static void requireFree(final int port, final String role) {
        try {
            bind(port).close();
        } catch (final IOException e) {
            throw new BrokerStartException(
                    "Port " + port + " on " + HOST + " (" + role + ") is already in use: " + e.getMessage(), e);
        }
    }

    /** A port that was free a moment ago and is not {@code taken}. */
    static int pickFreeExcept(final Set<Integer> taken) {
        // Sockets held at once cannot share a port: of taken.size() + 1 of them, one is none of the taken ports.
        final List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i <= taken.size(); i++) {
                final ServerSocket socket = bind(0);
                held.add(socket);
                if (!taken.contains(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
            throw new IllegalStateException("unreachable: " + held.size() + " sockets on the taken ports " + taken);
        } catch (final IOException e) {
            throw new BrokerStartException("No free port on " + HOST + ": " + e.getMessage(), e);
        } finally {
            for (final ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (final IOException ignored) {
                    // Closing a bound, unused server socket does not fail in a way that matters here.
                }
            }
        }
    }

    private static ServerSocket bind(final int port) throws IOException {
        final ServerSocket socket = new ServerSocket();
        try {
            // As for Kafka's own server channels on Unix, so a port with lingering TIME_WAIT connections counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return socket;
        } catch (final IOException e) {
            socket.close();
            throw e;
        }
    }
}
