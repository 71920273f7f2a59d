package dev.tollgate.bench;

/** One round of the throughput comparison, and the latency measured on that round's rater once it drained. */
record Round(Drain.Result passthrough, Drain.Result naive, Drain.Result rater, LatencyProbe.Result latency) {

    double ratio() {
        return rater.perSecond() / passthrough.perSecond();
    }

    double naiveRatio() {
        return naive.perSecond() / passthrough.perSecond();
    }
}
