package dev.tollgate.local.demo;

import java.util.Locale;

/** One line of progress, redrawn in place: the producers' elapsed time, events sent and their rate. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private ProgressBar() {
    }

    static String render(final double elapsedSeconds, final int totalSeconds, final long sent) {
        final double share = Math.min(1.0, elapsedSeconds / totalSeconds);
        final int filled = (int) Math.round(share * WIDTH);
        final long rate = elapsedSeconds <= 0 ? 0 : Math.round(sent / elapsedSeconds);
        final int shown = (int) Math.min(elapsedSeconds, totalSeconds);
        return "\r  [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
            + String.format(Locale.ROOT, "%3d/%d s  %,d events sent  %,d/s", shown, totalSeconds, sent, rate);
    }
}
