package dev.tollgate.ingest;

import dev.tollgate.http.problem.ProblemException;

/** The problem answers particular to ingest; validation (422) and Kafka (503) use the shared ones. */
final class IngestProblems {

    private IngestProblems() {
    }

    static ProblemException unsupportedMediaType(final String detail) {
        return new ProblemException(415, "Unsupported media type", detail);
    }

    static ProblemException tooManyEvents(final int count) {
        return new ProblemException(413, "Content too large", "a batch holds at most " + EventBodies.MAX_EVENTS
            + " events, this one has " + count + "; split it");
    }
}
