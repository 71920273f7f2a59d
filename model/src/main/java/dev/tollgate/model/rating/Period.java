package dev.tollgate.model.rating;

import java.time.Instant;

/** A billing period on the wire: {@code {"start", "end"}}, end exclusive. */
public record Period(Instant start, Instant end) {
}
