package dev.tollgate.pricing.expression;

/** A price expression that cannot be compiled, or that cannot price the units it was given. */
public final class ExpressionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExpressionException(final String message) {
        super(message);
    }
}
