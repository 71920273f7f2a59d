package dev.tollgate.broker;

/** The embedded broker could not be started; the message says which port or path is at fault. */
public final class BrokerStartException extends RuntimeException {

    public BrokerStartException(final String message) {
        super(message);
    }

    public BrokerStartException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
