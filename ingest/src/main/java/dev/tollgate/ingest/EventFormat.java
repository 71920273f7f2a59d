package dev.tollgate.ingest;

import java.util.Locale;

/**
 * The bodies ingest reads, chosen by Content-Type: Tollgate's own event JSON, or a CloudEvent in
 * structured content mode (CloudEvents JSON format 1.0), one per request or a batch.
 */
enum EventFormat {
    NATIVE("application/json", "application/json"),
    CLOUD_EVENT("application/cloudevents+json", "application/cloudevents-batch+json");

    private final String single;
    private final String batch;

    EventFormat(final String single, final String batch) {
        this.single = single;
        this.batch = batch;
    }

    /**
     * @param contentType the request's header as sent, parameters such as charset included
     * @param hasCloudEventHeaders whether {@code ce-specversion} was sent, i.e. binary content mode
     */
    static EventFormat of(final String contentType, final boolean hasCloudEventHeaders, final boolean isBatch) {
        if (hasCloudEventHeaders) {
            throw IngestProblems.unsupportedMediaType("CloudEvents binary content mode (ce-* headers) is not "
                + "accepted; send the event in structured mode as " + CLOUD_EVENT.mediaType(isBatch));
        }
        final String essence = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (final EventFormat format : values()) {
            if (format.mediaType(isBatch).equals(essence)) {
                return format;
            }
        }
        throw IngestProblems.unsupportedMediaType("Content-Type must be " + NATIVE.mediaType(isBatch) + " or "
            + CLOUD_EVENT.mediaType(isBatch) + ", not '" + (essence.isEmpty() ? "(none)" : essence) + "'");
    }

    String mediaType(final boolean isBatch) {
        return isBatch ? batch : single;
    }
}
