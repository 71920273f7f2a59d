package dev.tollgate.pricing.expression;

import com.ezylang.evalex.parser.ASTNode;
import com.ezylang.evalex.parser.Token;
import dev.tollgate.pricing.validation.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the parser alone lets through and a price expression may not do: name a variable the charge did not declare,
 * write a string or a number past the charge bounds, or give {@code ^} and ROUND an argument whose work is not
 * bounded by the expression's length.
 */
final class ExpressionRules {

    private static final Pattern DECIMAL = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private ExpressionRules() {
    }

    /** Every rule the tree breaks, each naming where; {@code names} are the variables, in lower case. */
    static List<String> problems(final List<ASTNode> nodes, final Set<String> names) {
        final List<String> problems = new ArrayList<>();
        for (final ASTNode node : nodes) {
            final Token token = node.getToken();
            switch (token.getType()) {
                case STRING_LITERAL -> problems.add("has a string at " + at(token)
                        + "; an expression computes a number");
                case NUMBER_LITERAL -> number(token, problems);
                case VARIABLE_OR_CONSTANT -> {
                    if (!names.contains(token.getValue().toLowerCase(Locale.ROOT))) {
                        problems.add("uses '" + token.getValue() + "' at " + at(token) + ", which is neither "
                                + PriceExpression.UNITS + " nor a declared variable");
                    }
                }
                case INFIX_OPERATOR -> {
                    if ("^".equals(token.getValue())) {
                        wholeLiteral(node.getParameters().get(1), ExpressionDialect.MAX_EXPONENT,
                                "the exponent of ^ at " + at(token), problems);
                    }
                }
                case FUNCTION -> {
                    if ("ROUND".equalsIgnoreCase(token.getValue()) && node.getParameters().size() == 2) {
                        wholeLiteral(node.getParameters().get(1), ExpressionDialect.MAX_ROUND_PLACES,
                                "the decimal places of ROUND at " + at(token), problems);
                    }
                }
                default -> {
                    // Operators, calls and braces of the dialect need no rule beyond the parser's.
                }
            }
        }
        return problems;
    }

    private static void number(final Token token, final List<String> problems) {
        final String text = token.getValue();
        if (!DECIMAL.matcher(text).matches()) {
            problems.add("has '" + text + "' at " + at(token) + ", which is not a decimal number");
            return;
        }
        final BigDecimal value = Decimals.parse(text);
        if (value == null || !Decimals.withinBounds(value)) {
            problems.add("has " + text + " at " + at(token) + ", past the bounds of a charge's numbers: at most "
                    + Decimals.MAX_INTEGER_DIGITS + " digits before and " + Decimals.MAX_SCALE
                    + " after the decimal point");
        } else if (value.precision() > ExpressionDialect.MATH_CONTEXT.getPrecision()) {
            problems.add("has " + text + " at " + at(token) + ", more than "
                    + ExpressionDialect.MATH_CONTEXT.getPrecision() + " significant digits, which the expression"
                    + " would round");
        }
    }

    private static void wholeLiteral(final ASTNode argument, final int max, final String what,
                                     final List<String> problems) {
        final Token token = argument.getToken();
        final BigDecimal value = token.getType() == Token.TokenType.NUMBER_LITERAL
                && DECIMAL.matcher(token.getValue()).matches() ? Decimals.parse(token.getValue()) : null;
        final boolean whole = value != null && Decimals.withinBounds(value) && value.stripTrailingZeros().scale() <= 0;
        if (!whole || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            problems.add(what + " must be a whole number written as such, from 0 to " + max);
        }
    }

    /** Where a token starts; EvalEx counts the expression's first character as 1. */
    static String at(final Token token) {
        return "character " + token.getStartPosition();
    }
}
