package dev.tollgate.local.launch;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The parts one Tollgate process can run, chosen with {@code TOLLGATE_COMPONENTS}. */
public enum Component {
    BROKER("broker"),
    PLAN_API("plan-api"),
    INGEST("ingest"),
    RATER("rater");

    private final String wireName;

    Component(final String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Component fromWire(final String name) {
        for (final Component component : values()) {
            if (component.wireName.equals(name)) {
                return component;
            }
        }
        throw new IllegalArgumentException("unknown component '" + name + "'; expected one of "
            + Arrays.stream(values()).map(Component::wireName).collect(Collectors.joining(", ")));
    }
}
