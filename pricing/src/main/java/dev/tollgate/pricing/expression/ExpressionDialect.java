package dev.tollgate.pricing.expression;

import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.config.MapBasedFunctionDictionary;
import com.ezylang.evalex.config.MapBasedOperatorDictionary;
import com.ezylang.evalex.functions.basic.AbsFunction;
import com.ezylang.evalex.functions.basic.CeilingFunction;
import com.ezylang.evalex.functions.basic.FloorFunction;
import com.ezylang.evalex.functions.basic.IfFunction;
import com.ezylang.evalex.functions.basic.MaxFunction;
import com.ezylang.evalex.functions.basic.MinFunction;
import com.ezylang.evalex.functions.basic.RoundFunction;
import com.ezylang.evalex.operators.arithmetic.InfixDivisionOperator;
import com.ezylang.evalex.operators.arithmetic.InfixMinusOperator;
import com.ezylang.evalex.operators.arithmetic.InfixMultiplicationOperator;
import com.ezylang.evalex.operators.arithmetic.InfixPlusOperator;
import com.ezylang.evalex.operators.arithmetic.PrefixMinusOperator;
import com.ezylang.evalex.operators.arithmetic.PrefixPlusOperator;
import com.ezylang.evalex.operators.booleans.InfixAndOperator;
import com.ezylang.evalex.operators.booleans.InfixEqualsOperator;
import com.ezylang.evalex.operators.booleans.InfixGreaterEqualsOperator;
import com.ezylang.evalex.operators.booleans.InfixGreaterOperator;
import com.ezylang.evalex.operators.booleans.InfixLessEqualsOperator;
import com.ezylang.evalex.operators.booleans.InfixLessOperator;
import com.ezylang.evalex.operators.booleans.InfixNotEqualsOperator;
import com.ezylang.evalex.operators.booleans.InfixOrOperator;
import com.ezylang.evalex.operators.booleans.PrefixNotOperator;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The part of EvalEx a price expression may use. EvalEx's default dictionary also has RANDOM, DT_NOW, string and
 * trigonometric functions, {@code %} and a floating-point {@code ^}: a price must be the same on every replay, exact in
 * decimals and cheap to compute, so only arithmetic, comparisons and the functions below are there, without arrays,
 * structures, constants or implicit multiplication.
 */
public final class ExpressionDialect {

    /** Characters an expression may have; also what bounds the work of one evaluation, since nothing loops. */
    public static final int MAX_LENGTH = 1000;
    /** The largest exponent {@code ^} takes, a whole literal. */
    public static final int MAX_EXPONENT = 10;
    /** The most decimal places ROUND takes, as many as any number of a charge may have. */
    public static final int MAX_ROUND_PLACES = 30;
    /**
     * Every operation rounds to 34 significant digits, the precision of IEEE 754 decimal128, half up as statements
     * round (so ROUND(2.5, 0) is 3); a sum, product or quotient of values within the charge bounds keeps its exact
     * digits up to there.
     */
    public static final MathContext MATH_CONTEXT = new MathContext(34, RoundingMode.HALF_UP);
    /** The functions an expression may call, in the order messages list them. */
    public static final List<String> FUNCTIONS = List.of("MIN", "MAX", "ABS", "IF", "FLOOR", "CEILING", "ROUND");

    static final ExpressionConfiguration CONFIGURATION = ExpressionConfiguration.builder()
            .mathContext(MATH_CONTEXT)
            .functionDictionary(MapBasedFunctionDictionary.ofFunctions(
                    Map.entry("MIN", new MinFunction()),
                    Map.entry("MAX", new MaxFunction()),
                    Map.entry("ABS", new AbsFunction()),
                    Map.entry("IF", new IfFunction()),
                    Map.entry("FLOOR", new MagnitudeGuard("FLOOR", new FloorFunction())),
                    Map.entry("CEILING", new MagnitudeGuard("CEILING", new CeilingFunction())),
                    Map.entry("ROUND", new MagnitudeGuard("ROUND", new RoundFunction()))))
            .operatorDictionary(MapBasedOperatorDictionary.ofOperators(
                    Map.entry("+", new PrefixPlusOperator()),
                    Map.entry("-", new PrefixMinusOperator()),
                    Map.entry("+", new InfixPlusOperator()),
                    Map.entry("-", new InfixMinusOperator()),
                    Map.entry("*", new InfixMultiplicationOperator()),
                    Map.entry("/", new InfixDivisionOperator()),
                    Map.entry("^", new WholePowerOperator()),
                    Map.entry("=", new InfixEqualsOperator()),
                    Map.entry("==", new InfixEqualsOperator()),
                    Map.entry("!=", new InfixNotEqualsOperator()),
                    Map.entry("<>", new InfixNotEqualsOperator()),
                    Map.entry(">", new InfixGreaterOperator()),
                    Map.entry(">=", new InfixGreaterEqualsOperator()),
                    Map.entry("<", new InfixLessOperator()),
                    Map.entry("<=", new InfixLessEqualsOperator()),
                    Map.entry("&&", new InfixAndOperator()),
                    Map.entry("||", new InfixOrOperator()),
                    Map.entry("!", new PrefixNotOperator())))
            .defaultConstants(Map.of())
            .arraysAllowed(false)
            .structuresAllowed(false)
            .binaryAllowed(false)
            .implicitMultiplicationAllowed(false)
            .singleQuoteStringLiteralsAllowed(false)
            .stripTrailingZeros(false)
            .build();

    private ExpressionDialect() {
    }
}
