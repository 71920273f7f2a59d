package dev.tollgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the demo prints of the API's answers: usage per customer, rejections, a statement. */
final class DemoReport {

    private DemoReport() {
    }

    /** {@code GET /v1/customers/{id}/usage}: a line for the customer, one per charge. */
    static List<String> usage(final JsonNode usage) {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format("  %-18s %-14s total %s %s", usage.get("customer_id").asText(),
            usage.get("plan").asText(), usage.get("total_amount").asText(), usage.get("currency").asText()));
        for (final JsonNode charge : usage.get("charges")) {
            final JsonNode limit = charge.get("limit");
            lines.add(String.format("      %-14s %10s units  %12s%s", charge.get("code").asText(),
                charge.get("units").asText(), charge.get("amount").asText(),
                limit == null || limit.isNull() ? "" : "   limit " + limit.asText()));
        }
        return lines;
    }

    static String rejections(final Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "Rejected: none";
        }
        final StringBuilder line = new StringBuilder("Rejected:");
        byReason.forEach((reason, count) -> line.append(' ').append(reason).append(' ').append(count));
        return line.toString();
    }

    /** A final statement: its period, lines and totals. */
    static List<String> statement(final JsonNode statement) {
        final List<String> lines = new ArrayList<>();
        lines.add("Final statement " + statement.get("id").asText() + " of " + statement.get("customer_id").asText()
            + " (" + statement.get("plan").asText() + "), " + statement.get("period").get("start").asText()
            + " to " + statement.get("period").get("end").asText() + ":");
        for (final JsonNode line : statement.get("lines")) {
            final JsonNode units = line.get("units");
            lines.add(String.format("      %-14s %-14s %10s  %12s", line.get("type").asText(),
                line.get("code").asText(), units == null || units.isNull() ? "" : units.asText(),
                line.get("amount").asText()));
        }
        lines.add(String.format("  subtotal %s, total %s %s", statement.get("subtotal").asText(),
            statement.get("total").asText(), statement.get("currency").asText()));
        return lines;
    }
}
