package dev.tollgate.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

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
    static int pickFreeExcept(final int taken) {
        // Two sockets held at once cannot share a port, so at least one of them differs from the taken one.
        try (ServerSocket first = bind(0); ServerSocket second = bind(0)) {
            return first.getLocalPort() != taken ? first.getLocalPort() : second.getLocalPort();
        } catch (final IOException e) {
            throw new BrokerStartException("No free port on " + HOST + ": " + e.getMessage(), e);
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
