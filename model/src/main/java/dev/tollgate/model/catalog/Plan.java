package dev.tollgate.model.catalog;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A plan with every version it ever had: the value of {@code tollgate.plans}, keyed by {@code code}.
 * Versions are append-only; an archived plan takes no new subscriptions while existing ones go on.
 */
public record Plan(String code, PlanStatus status, List<PlanVersion> versions) {

    public enum PlanStatus { ACTIVE, ARCHIVED }

    public Plan {
        versions = versions == null ? List.of()
            : versions.stream().sorted(Comparator.comparingInt(PlanVersion::version)).toList();
    }

    /** The version in force at {@code at}: the latest whose effective time is not after it. */
    public Optional<PlanVersion> versionAt(final Instant at) {
        PlanVersion inForce = null;
        for (final PlanVersion candidate : versions) {
            if (!candidate.effectiveFrom().isAfter(at)
                && (inForce == null || !candidate.effectiveFrom().isBefore(inForce.effectiveFrom()))) {
                inForce = candidate;
            }
        }
        return Optional.ofNullable(inForce);
    }

    /** The version that rates a subscription at {@code at}: the one it is pinned to, else the one in force. */
    public Optional<PlanVersion> versionFor(final Integer pinned, final Instant at) {
        return pinned != null ? version(pinned) : versionAt(at);
    }

    public Optional<PlanVersion> version(final int number) {
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    public PlanVersion latest() {
        return versions.get(versions.size() - 1);
    }
}
