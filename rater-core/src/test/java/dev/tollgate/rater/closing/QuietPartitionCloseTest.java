package dev.tollgate.rater.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.model.catalog.Charge;
import dev.tollgate.model.catalog.Meter;
import dev.tollgate.model.catalog.Plan;
import dev.tollgate.model.catalog.PlanVersion;
import dev.tollgate.model.catalog.Subscription;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.topic.Topics;
import dev.tollgate.rater.topology.RaterDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A period closes by the wall clock even when no record moves the task's stream time: the task's
 * own clock tick does. The real-broker side (a backlog is not closed early) is in {@link LoneSubscriptionCloseTest}.
 */
class QuietPartitionCloseTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant CALL = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-03-16T00:00:00Z");

    @TempDir
    Path stateDir;
    private RaterDriver rater;
    private TestOutputTopic<String, Long> ticks;

    @BeforeEach
    void start() {
        rater = new RaterDriver(stateDir, CALL);
        ticks = rater.driver.createOutputTopic(Topics.RATER_CLOCK.name(), new StringDeserializer(),
            new LongDeserializer());
        rater.meters.pipeInput("voice_seconds", new Meter("voice_seconds", "Voice seconds", "call_ended", "sum",
            "seconds", Map.of()));
        rater.plans.pipeInput("voice", new Plan("voice", Plan.PlanStatus.ACTIVE, List.of(new PlanVersion(1,
            Instant.EPOCH, "Voice", null, "monthly", "USD", new BigDecimal("10"), 0, List.of(new Charge("voice",
            "voice_seconds", "standard", Map.of("amount", "0.002"), Map.of(), null, List.of()))))));
    }

    @AfterEach
    void stop() {
        rater.close();
    }

    @Test
    void shouldCloseATerminatedSubscriptionsLastPeriodWithoutAnotherRecord() {
        final Subscription running = new Subscription("sub_1", "acme", "voice", null, MARCH, null, "calendar");
        rater.subscribe(running, CALL);
        rater.call("e1", "acme", "call_ended", 125, CALL);
        rater.subscribe(running.endedAt(ENDED), CALL);

        rater.wallClockTo(ENDED.plus(RaterDriver.GRACE).minusSeconds(1));
        assertTrue(rater.statements.isEmpty(), "the grace has not passed");
        assertTrue(ticks.isEmpty(), "no close is due yet: no tick");

        rater.wallClockBy(Duration.ofSeconds(2));
        final TestRecord<String, Long> tick = ticks.readRecord();
        assertEquals("0", tick.key(), "the driver's one task is partition 0");
        assertEquals(ENDED.plus(RaterDriver.GRACE).plusSeconds(1), tick.getRecordTime());
        final PeriodStatement last = rater.statements.readValue();
        assertEquals(MARCH, last.period().start());
        assertEquals(ENDED, last.period().end());
        // base 10.00 x 15 of March's 31 days = 4.838... => 4.84; usage 125 s x 0.002 = 0.25 => 5.09
        assertEquals(new BigDecimal("5.09"), last.total());
        assertTrue(rater.statements.isEmpty());

        rater.wallClockBy(Duration.ofSeconds(30));
        assertTrue(ticks.isEmpty(), "nothing is due any more: no more ticks");
        assertTrue(rater.statements.isEmpty());
    }

    @Test
    void shouldNotTickWhileStreamTimeIsAheadOfTheDueClose() {
        rater.subscribe(new Subscription("sub_1", "acme", "voice", null, MARCH, null, "calendar"), CALL);
        final Instant later = Instant.parse("2026-04-01T01:30:00Z");
        rater.call("e1", "acme", "call_ended", 5, later);
        rater.wallClockTo(Instant.parse("2026-04-01T01:00:01Z"));

        assertEquals(MARCH, rater.statements.readValue().period().start());
        assertTrue(ticks.isEmpty(), "stream time had passed the close: the punctuation closed it alone");
    }
}
