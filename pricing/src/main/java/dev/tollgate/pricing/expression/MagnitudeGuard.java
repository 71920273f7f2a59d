package dev.tollgate.pricing.expression;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.functions.FunctionIfc;
import com.ezylang.evalex.functions.FunctionParameterDefinition;
import com.ezylang.evalex.parser.Token;
import java.math.BigDecimal;
import java.util.List;

/**
 * Wraps FLOOR, CEILING and ROUND, which change a number's scale: every other operation rounds to the dialect's 34
 * significant digits, but a scale change writes out every digit up to the decimal point, so {@code FLOOR(1E+100000000)}
 * would build a hundred-million-digit number. Such a value is refused before it is rescaled.
 */
final class MagnitudeGuard implements FunctionIfc {

    /** Digits before the decimal point a rescaled value may have: far beyond any amount, cheap to write out. */
    static final int MAX_INTEGER_DIGITS = 100;

    private final String name;
    private final FunctionIfc function;

    MagnitudeGuard(final String name, final FunctionIfc function) {
        this.name = name;
        this.function = function;
    }

    @Override
    public List<FunctionParameterDefinition> getFunctionParameterDefinitions() {
        return function.getFunctionParameterDefinitions();
    }

    @Override
    public EvaluationValue evaluate(final Expression expression, final Token functionToken,
                                    final EvaluationValue... parameterValues) throws EvaluationException {
        if (!parameterValues[0].isNumberValue()) {
            throw new EvaluationException(functionToken, name + " takes a number");
        }
        final BigDecimal value = parameterValues[0].getNumberValue();
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new EvaluationException(functionToken, name + " takes numbers of at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point");
        }
        return function.evaluate(expression, functionToken, parameterValues);
    }

    @Override
    public void validatePreEvaluation(final Token token, final EvaluationValue... parameterValues)
            throws EvaluationException {
        function.validatePreEvaluation(token, parameterValues);
    }

    @Override
    public boolean hasVarArgs() {
        return function.hasVarArgs();
    }

    @Override
    public boolean isParameterLazy(final int parameterIndex) {
        return function.isParameterLazy(parameterIndex);
    }
}
