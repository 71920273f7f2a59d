package dev.tollgate.pricing.charge;

import static dev.tollgate.pricing.charge.Amounts.assertAmount;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentagePricingTest {

    private static List<BigDecimal> events(String values) {
        return Arrays.stream(values.split(" ")).map(BigDecimal::new).collect(Collectors.toList());
    }

    private static Map<String, Object> props(String rate, String fixed, String perEvents, String perTotal) {
        final Map<String, Object> props = Props.of("rate", rate);
        if (fixed != null) {
            props.put("fixed_amount", fixed);
        }
        if (perEvents != null) {
            props.put("free_units_per_events", Integer.valueOf(perEvents));
        }
        if (perTotal != null) {
            props.put("free_units_per_total_aggregation", perTotal);
        }
        return props;
    }

    @ParameterizedTest(name = "rate {0}, fixed {1}, free events {2}, free units {3}: {4} -> {5}")
    @CsvSource(delimiter = '|', value = {
        // 4 events, 800 units; 250 free units end inside the 3rd event: (800 - 250) x 1.3 % + 2 paid events x 2 = 11.15
        "1.3 | 2   | 3 | 250 | 50 100 250 400 | 11.15",
        // same with no event allowance
        "1.3 | 2   |   | 250 | 50 100 250 400 | 11.15",
        // the first 3 events are free (400 units): (800 - 400) x 1.3 % + 1 x 2 = 7.2
        "1.3 | 2   | 3 |     | 50 100 250 400 | 7.2",
        // 3 events use up the event allowance before 500 units: 7.2
        "1.3 | 2   | 3 | 500 | 50 100 250 400 | 7.2",
        // 5 free events cover all 4: 0
        "1.3 | 2   | 5 |     | 50 100 150 100 | 0",
        // no allowance: 800 x 1.3 % + 4 x 2 = 18.4
        "1.3 | 2   |   |     | 50 100 250 400 | 18.4",
        // 4 x 2.9 % = 0.116
        "2.9 |     |   |     | 4              | 0.116",
        // rate 0 leaves the fixed fees: 4 x 2 = 8
        "0   | 2   |   |     | 50 100 250 400 | 8",
        // no units, no fixed fee either (Lago charges nothing while the period's units are 0)
        "1.3 | 2   |   |     | 0 0            | 0",
        // an event that exactly uses up the unit allowance pays the fixed fee: 0 x 1.3 % + 2, then 100 x 1.3 % + 2
        "1.3 | 2   |   | 100 | 100 100        | 5.3"
    })
    void shouldApplyRateFixedAmountAndFreeAllowance(String rate, String fixed, String perEvents, String perTotal,
            String values, String expected) {
        final ChargePricing pricing = ChargePricing.parse("percentage", props(rate, fixed, perEvents, perTotal));
        assertAmount(expected, pricing.amountForEvents(events(values)));
    }

    @ParameterizedTest(name = "fixed {0}, free events {1}, free units {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // 1.75 (min, as 10 x 2.99 % = 0.299) + 2.392 (80 x 2.99 %) + 12 (max, as 10000 x 2.99 % = 299) = 16.142
        "0 |   | 0     | 16.142",
        // 2.299 (0.299 + 2) + 4.392 (2.392 + 2) + 12 (max) = 18.691
        "2 |   |       | 18.691",
        // the first 2 events are free and escape the minimum; then 299 capped at 12
        "0 | 2 |       | 12",
        // 30 free units: 10 free, then (80 - 20) x 2.99 % = 1.794 (above the min) + 12 = 13.794
        "0 |   | 30    | 13.794",
        // 10 and 80 free, then (10000 - 9910) x 2.99 % = 2.691
        "0 | 3 | 10000 | 2.691"
    })
    void shouldBoundEachPaidTransactionBetweenMinAndMax(String fixed, String perEvents, String perTotal,
            String expected) {
        final Map<String, Object> props = props("2.99", fixed, perEvents, perTotal);
        props.put("per_transaction_min_amount", "1.75");
        props.put("per_transaction_max_amount", "12");
        final ChargePricing pricing = ChargePricing.parse("percentage", props);
        assertAmount(expected, pricing.amountForEvents(events("10 80 10000")));
    }

    @Test
    void shouldPriceUnitsAsOneTransaction() {
        final ChargePricing pricing = ChargePricing.parse("percentage", props("1.3", "2", null, null));
        // 800 x 1.3 % + 1 x 2 = 12.4
        assertAmount("12.4", pricing.amountForUnits(new BigDecimal("800")));
        assertAmount("0", pricing.amountForUnits(BigDecimal.ZERO));
    }

    @Test
    void shouldEndTheFreeAllowanceWhenTheEventAllowanceRunsOutEvenWithUnitsLeft() {
        final Map<String, Object> props = props("2.99", null, "1", "100");
        props.put("per_transaction_min_amount", "1.75");
        final ChargePricing pricing = ChargePricing.parse("percentage", props);
        // the first event is free; the second is paid although 90 free units are left: 10 x 2.99 % < 1.75 => 1.75
        assertAmount("1.75", pricing.amountForEvents(events("10 10")));
    }
}
