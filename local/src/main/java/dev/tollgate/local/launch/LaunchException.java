package dev.tollgate.local.launch;

/** A setting or a resource that keeps Tollgate from starting; its message tells the operator what to fix. */
public class LaunchException extends RuntimeException {

    public LaunchException(final String message) {
        super(message);
    }

    public LaunchException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
