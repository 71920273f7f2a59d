package dev.tollgate.rater.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressWatchTest {

    private static final Duration STALL_AFTER = Duration.ofSeconds(60);

    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void shouldReportARaterThatProcessesNothingWhileRecordsWait() {
        final ProgressWatch watch = new ProgressWatch(clock, STALL_AFTER);
        watch.sample(100, 0);
        for (int second = 1; second <= 61; second++) {
            now = now.plusSeconds(1);
            watch.sample(100, 250);
        }
        assertEquals("rater processed no record for 61 s while 250 records wait in its input", watch.problem());

        now = now.plusSeconds(1);
        watch.sample(101, 249);
        assertNull(watch.problem(), "one processed record is progress");
    }

    @Test
    void shouldNotReportAnIdleRater() {
        final ProgressWatch watch = new ProgressWatch(clock, STALL_AFTER);
        for (int minute = 0; minute < 10; minute++) {
            now = now.plusSeconds(60);
            watch.sample(100, 0);
        }
        assertNull(watch.problem());
    }

    @Test
    void shouldGiveABusyRaterTheWholeDelay() {
        final ProgressWatch watch = new ProgressWatch(clock, STALL_AFTER);
        watch.sample(0, 0);
        now = now.plusSeconds(30);
        watch.sample(0, 10);
        now = now.plusSeconds(30);
        watch.sample(0, 10);
        assertNull(watch.problem(), "records waited 60 s since the rater last had nothing to do: not yet stalled");
        now = now.plusSeconds(2);
        watch.sample(0, 10);
        assertEquals("rater processed no record for 62 s while 10 records wait in its input", watch.problem());
    }
}
