package dev.tollgate.pricing.expression;

import static com.ezylang.evalex.operators.OperatorIfc.OPERATOR_PRECEDENCE_POWER;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.operators.AbstractOperator;
import com.ezylang.evalex.operators.InfixOperator;
import com.ezylang.evalex.parser.Token;

/**
 * {@code ^} with a whole exponent, in decimal arithmetic. EvalEx's own operator takes the fractional part of an
 * exponent through {@code Math.pow} in binary floating point; {@link ExpressionRules} lets only a whole literal of
 * 0 to {@link ExpressionDialect#MAX_EXPONENT} through, so the work of one power is bounded too.
 */
@InfixOperator(precedence = OPERATOR_PRECEDENCE_POWER, leftAssociative = false)
final class WholePowerOperator extends AbstractOperator {

    @Override
    public EvaluationValue evaluate(final Expression expression, final Token operatorToken,
                                    final EvaluationValue... operands) throws EvaluationException {
        if (!operands[0].isNumberValue() || !operands[1].isNumberValue()) {
            throw EvaluationException.ofUnsupportedDataTypeInOperation(operatorToken);
        }
        final int exponent = operands[1].getNumberValue().intValueExact();
        return expression.convertValue(operands[0].getNumberValue()
                .pow(exponent, expression.getConfiguration().getMathContext()));
    }
}
