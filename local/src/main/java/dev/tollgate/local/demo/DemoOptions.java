package dev.tollgate.local.demo;

import java.util.List;

/**
 * The demo's arguments: {@code demo [--seconds N]}.
 *
 * @param seconds how long the simulated producers send events
 */
public record DemoOptions(int seconds) {

    static final int DEFAULT_SECONDS = 60;
    private static final int MAX_SECONDS = 3600;

    public static final String USAGE = """
        usage: java -jar tollgate-local.jar [demo [--seconds N]]
          (no argument)  run Tollgate with the TOLLGATE_* settings until stopped
          demo           run a throwaway pipeline on an embedded broker: load the five seed plans, subscribe
                         a customer to each, simulate producers, print usage and a final statement, stop
          --seconds N    how long the demo's producers send events, 1 to 3600 (default 60)
        """;

    /** Reads the arguments after {@code demo}; anything else is refused with a message that names it. */
    public static DemoOptions parse(final List<String> args) {
        int seconds = DEFAULT_SECONDS;
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            if (!arg.equals("--seconds")) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
            if (i + 1 == args.size()) {
                throw new IllegalArgumentException("--seconds needs a number of seconds");
            }
            seconds = seconds(args.get(++i));
        }
        return new DemoOptions(seconds);
    }

    private static int seconds(final String value) {
        final int seconds;
        try {
            seconds = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seconds " + value + " is not a whole number of seconds", e);
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("--seconds " + value + " is out of range: 1 to " + MAX_SECONDS);
        }
        return seconds;
    }
}
