package dev.tollgate.pricing.expression;

import com.ezylang.evalex.BaseException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ParseException;
import dev.tollgate.pricing.validation.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A custom charge's price: an expression over {@code units} and the charge's declared variables, parsed once and
 * evaluated per event without parsing again.
 *
 * <p>An EvalEx {@link Expression} keeps its variables in a map of its own and builds its tree on first use, so one
 * instance is not safe to evaluate from two threads. The compiled expression is never evaluated: it holds the tree,
 * built before the constructor returns, and each evaluation evaluates a copy that shares the tree (which nothing
 * changes) and has its own variables. So a {@code PriceExpression} is immutable and safe to share.
 */
public final class PriceExpression {

    /** The variable that holds the period's aggregated units. */
    public static final String UNITS = "units";

    private final String text;
    private final Expression compiled;

    private PriceExpression(final String text, final Expression compiled) {
        this.text = text;
        this.compiled = compiled;
    }

    /**
     * Parses and checks an expression over {@code units} and {@code variables} (names as declared).
     *
     * @throws ExpressionException with every problem found, each saying where
     */
    public static PriceExpression compile(final String text, final Set<String> variables) {
        if (text.length() > ExpressionDialect.MAX_LENGTH) {
            throw new ExpressionException("must be at most " + ExpressionDialect.MAX_LENGTH + " characters, not "
                    + text.length());
        }
        final Expression compiled = new Expression(text, ExpressionDialect.CONFIGURATION);
        final List<String> problems;
        try {
            compiled.validate();
            final Set<String> names = new HashSet<>();
            names.add(UNITS);
            variables.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
            problems = ExpressionRules.problems(compiled.getAllASTNodes(), names);
        } catch (ParseException e) {
            throw new ExpressionException("is not a valid expression: " + describe(e));
        }
        if (!problems.isEmpty()) {
            throw new ExpressionException(String.join("; ", problems));
        }
        return new PriceExpression(text, compiled);
    }

    public String text() {
        return text;
    }

    /**
     * The amount the expression gives for {@code units}: a number of 0 or more with at most
     * {@link Decimals#MAX_INTEGER_DIGITS} digits before the decimal point, rounded half up to
     * {@link Decimals#MAX_SCALE} places after it.
     *
     * @throws ExpressionException when it computes no such number, or cannot compute (a division by zero)
     */
    public BigDecimal amount(final BigDecimal units, final Map<String, BigDecimal> variables) {
        final EvaluationValue value;
        try {
            final Expression evaluation = new Expression(compiled);
            evaluation.with(UNITS, units);
            variables.forEach(evaluation::with);
            value = evaluation.evaluate();
        } catch (BaseException e) {
            throw new ExpressionException("at " + units.toPlainString() + " units: " + describe(e));
        } catch (ArithmeticException e) {
            throw new ExpressionException("at " + units.toPlainString() + " units: " + e.getMessage());
        }
        if (!value.isNumberValue()) {
            throw new ExpressionException("at " + units.toPlainString() + " units computes " + value.getValue()
                    + ", not a number");
        }
        return bounded(value.getNumberValue(), units);
    }

    private static BigDecimal bounded(final BigDecimal amount, final BigDecimal units) {
        if (amount.signum() < 0) {
            throw new ExpressionException("at " + units.toPlainString() + " units computes "
                    + amount.round(ExpressionDialect.MATH_CONTEXT).toString() + "; an amount must not be negative");
        }
        if ((long) amount.precision() - amount.scale() > Decimals.MAX_INTEGER_DIGITS) {
            throw new ExpressionException("at " + units.toPlainString() + " units computes an amount of more than "
                    + Decimals.MAX_INTEGER_DIGITS + " digits before the decimal point");
        }
        if (amount.scale() > Decimals.MAX_SCALE) {
            return amount.setScale(Decimals.MAX_SCALE, RoundingMode.HALF_UP);
        }
        return amount.scale() < 0 ? amount.setScale(0) : amount;
    }

    private static String describe(final BaseException e) {
        return e.getMessage() + " at character " + e.getStartPosition();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PriceExpression expression && expression.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
