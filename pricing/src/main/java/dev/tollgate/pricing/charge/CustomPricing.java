package dev.tollgate.pricing.charge;

import dev.tollgate.pricing.expression.ExpressionException;
import dev.tollgate.pricing.expression.PriceExpression;
import dev.tollgate.pricing.validation.Decimals;
import dev.tollgate.pricing.validation.FieldNames;
import dev.tollgate.pricing.validation.InvalidPricingException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lago's custom model, which runs a script of the customer's, as an expression instead: {@code expression} computes
 * the period's amount from {@code units}, the period's aggregate so far, and the decimals {@code variables} declares.
 * It is compiled when the charge is parsed, which the rater does once per plan version.
 */
public record CustomPricing(PriceExpression expression, Map<String, BigDecimal> variables) implements ChargePricing {

    static final String EXPRESSION = "expression";
    static final String VARIABLES = "variables";
    /** Variables a charge may declare: more than any price needs, few enough to read at a glance. */
    static final int MAX_VARIABLES = 32;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    public CustomPricing {
        variables = Map.copyOf(variables);
    }

    static CustomPricing parse(PropertyReader properties) {
        final Map<String, BigDecimal> variables = variables(properties);
        final Object text = properties.value(EXPRESSION);
        if (text == null) {
            properties.errors().add(properties.path(EXPRESSION), "is required: the amount of the period's units,"
                    + " such as \"MAX(floor, units * rate)\"");
            return null;
        }
        if (!(text instanceof String expression) || expression.isBlank()) {
            properties.errors().add(properties.path(EXPRESSION), "must be a non-empty string");
            return null;
        }
        if (variables == null) {
            return null;
        }
        try {
            final PriceExpression compiled = PriceExpression.compile(expression, variables.keySet());
            // A period without events is priced at 0 units, so an expression that cannot price 0 is refused now.
            compiled.amount(BigDecimal.ZERO, variables);
            return new CustomPricing(compiled, variables);
        } catch (ExpressionException e) {
            properties.errors().add(properties.path(EXPRESSION), e.getMessage());
            return null;
        }
    }

    /** The declared variables, or null after recording why not. */
    private static Map<String, BigDecimal> variables(PropertyReader properties) {
        final Object raw = properties.value(VARIABLES);
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> declared)) {
            properties.errors().add(properties.path(VARIABLES), "must be an object of names and decimal values");
            return null;
        }
        if (declared.size() > MAX_VARIABLES) {
            properties.errors().add(properties.path(VARIABLES), "must declare at most " + MAX_VARIABLES
                    + " variables");
            return null;
        }
        final Map<String, BigDecimal> variables = new LinkedHashMap<>();
        final Set<String> seen = new HashSet<>();
        boolean valid = true;
        for (final Map.Entry<?, ?> entry : declared.entrySet()) {
            final String name = String.valueOf(entry.getKey());
            final String field = properties.path(VARIABLES) + "." + FieldNames.printable(name);
            if (!NAME.matcher(name).matches()) {
                properties.errors().add(field, "must be named with a letter or _ followed by at most 63 letters,"
                        + " digits or _");
                valid = false;
            } else if (PriceExpression.UNITS.equalsIgnoreCase(name)) {
                properties.errors().add(field, "is the period's units, which every expression sees; name the"
                        + " variable otherwise");
                valid = false;
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                properties.errors().add(field, "differs from another variable only in case, and an expression"
                        + " reads names regardless of case");
                valid = false;
            }
            final BigDecimal value = Decimals.parseBounded(entry.getValue(),
                    "must be a decimal number or a decimal string such as \"0.02\"",
                    problem -> properties.errors().add(field, problem));
            if (value == null) {
                valid = false;
            } else {
                variables.put(name, value);
            }
        }
        return valid ? variables : null;
    }

    @Override
    public ChargeModelType type() {
        return ChargeModelType.CUSTOM;
    }

    /** @throws InvalidPricingException naming {@code properties.expression} when the expression gives no amount */
    @Override
    public BigDecimal amountForUnits(BigDecimal units) {
        try {
            return expression.amount(units, variables);
        } catch (ExpressionException e) {
            throw InvalidPricingException.of("properties." + EXPRESSION, e.getMessage());
        }
    }
}
