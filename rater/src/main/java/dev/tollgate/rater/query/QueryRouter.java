package dev.tollgate.rater.query;

import dev.tollgate.rater.runtime.RaterProperties;
import dev.tollgate.rater.runtime.RaterStreams;
import dev.tollgate.rater.state.StateStores;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a customer query to the one instance whose active task holds the customer's partition: it
 * answers locally when that is this instance, and forwards the request once otherwise. Ownership
 * is looked up on the {@code subscriptions} store, whose partitions are the customer partitions of
 * every keyed rater store.
 *
 * <p>A request goes on only to the active host that Kafka Streams' metadata names for the customer,
 * that is an {@code application.server} a member of the rater's own application advertised; never to
 * an address taken from the request. That keeps the {@link dev.tollgate.http.auth.InstanceSecret} the
 * forward carries within the deployment.
 *
 * <p>Whenever the owner cannot be named or reached (starting, rebalancing, a task in flight, an
 * owner that does not answer), the answer is a 503 with Retry-After, never a local guess.
 */
@Singleton
@Requires(property = "tollgate.components.rater", value = "true")
public class QueryRouter {

    private final RaterStreams rater;
    private final OwnerForwarder forwarder;
    private final HostInfo self;
    private final StringSerializer keys = new StringSerializer();

    public QueryRouter(final RaterStreams rater, final OwnerForwarder forwarder,
                       final RaterProperties settings) {
        this.rater = rater;
        this.forwarder = forwarder;
        this.self = HostInfo.buildFromEndpoint(settings.advertisedEndpoint());
    }

    /**
     * @param local answers from this instance's stores, given the customer's partition
     */
    public HttpResponse<String> route(final HttpRequest<?> request, final String customerId,
                                      final IntFunction<HttpResponse<String>> local) {
        return route(request, null, forwarder.timeout(), customerId, local);
    }

    /**
     * Like {@link #route(HttpRequest, String, IntFunction)} for a request with a body, which the
     * owner gets instead of the one that came, and that the owner may take {@code answerWithin} to answer.
     */
    public HttpResponse<String> route(final HttpRequest<?> request, final byte[] body, final Duration answerWithin,
                                      final String customerId, final IntFunction<HttpResponse<String>> local) {
        final KeyQueryMetadata owner = owner(customerId);
        if (self.equals(owner.activeHost())) {
            try {
                return local.apply(owner.partition());
            } catch (InvalidStateStoreException e) {
                throw RaterStores.notReady("the partition of customer " + customerId + " is moving");
            }
        }
        if (OwnerForwarder.wasForwarded(request)) {
            // The sender's view of the assignment is older or newer than ours: a second hop could loop.
            throw RaterStores.notReady("customer " + customerId + " is not owned by " + endpoint(self)
                + " (it is by " + endpoint(owner.activeHost()) + " as this instance sees it)");
        }
        return forwarder.forward(request, owner.activeHost(), body, answerWithin);
    }

    private KeyQueryMetadata owner(final String customerId) {
        final KafkaStreams streams = rater.streams();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw RaterStores.notReady("the rater is " + streams.state().name().toLowerCase(Locale.ROOT));
        }
        final KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(StateStores.SUBSCRIPTIONS.name(), customerId, keys);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw RaterStores.notReady("the rater is " + streams.state().name().toLowerCase(Locale.ROOT));
        }
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || owner.activeHost() == null
            || HostInfo.unavailable().equals(owner.activeHost())) {
            throw RaterStores.notReady("no instance owns customer " + customerId + " at the moment");
        }
        return owner;
    }

    private static String endpoint(final HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
