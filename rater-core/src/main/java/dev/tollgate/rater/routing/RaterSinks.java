package dev.tollgate.rater.routing;

import dev.tollgate.model.rating.AcceptedEvent;
import dev.tollgate.model.rating.PeriodStatement;
import dev.tollgate.model.rating.RatedUsage;
import dev.tollgate.model.rating.UsageAlert;
import dev.tollgate.model.rating.UsageRejection;
import dev.tollgate.model.topic.Topics;

/** The sinks the rating and closing processors forward to, named as the topology names its sink nodes. */
public final class RaterSinks {

    public static final Sink<RatedUsage> RATED = new Sink<>("rated-usage-sink", Topics.RATED_USAGE);
    public static final Sink<UsageRejection> REJECTED = new Sink<>("usage-rejections-sink", Topics.USAGE_REJECTIONS);
    /** Each event rated or turned away as late, for a re-rate of its period to price again. */
    public static final Sink<AcceptedEvent> ACCEPTED = new Sink<>("accepted-events-sink", Topics.ACCEPTED_EVENTS);
    public static final Sink<UsageAlert> ALERTS = new Sink<>("usage-alerts-sink", Topics.USAGE_ALERTS);
    /**
     * A record on another partition than its customer's goes back to tollgate.usage-events keyed by
     * the customer, as it came, so that the partition that owns the customer's state rates it.
     */
    public static final Sink<byte[]> MISPLACED = new Sink<>("misplaced-usage-sink", Topics.USAGE_EVENTS);
    public static final Sink<PeriodStatement> STATEMENTS =
        new Sink<>("period-statements-sink", Topics.PERIOD_STATEMENTS);
    /** An interim statement, published by the rating of the event whose amount reached a spend threshold. */
    public static final Sink<PeriodStatement> INTERIM_STATEMENTS =
        new Sink<>("interim-statements-sink", Topics.PERIOD_STATEMENTS);
    public static final Sink<byte[]> CLOCK_TICKS = new Sink<>("clock-ticks-sink", Topics.RATER_CLOCK);

    private RaterSinks() {
    }
}
