package dev.tollgate.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A second client listener for an {@link EmbeddedKafkaBroker} that takes only SASL/SCRAM-SHA-256
 * (over plaintext, on 127.0.0.1), so that tests can run clients that must authenticate against a real
 * broker. The controller and the broker's own traffic stay on the plaintext listeners; users are
 * created through the plaintext client listener, which needs no credentials.
 */
public final class ScramListener {

    public static final String MECHANISM = "SCRAM-SHA-256";
    static final String NAME = "SCRAM";
    private static final int ITERATIONS = 4096;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final int port;

    private ScramListener(final int port) {
        this.port = port;
    }

    /** A listener on a port that is free now; give it to the broker before {@link EmbeddedKafkaBroker#start()}. */
    public static ScramListener onFreePort() {
        return new ScramListener(LoopbackPorts.pickFreeExcept(Set.of()));
    }

    /** "127.0.0.1:port" of this listener, for clients that authenticate. */
    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port;
    }

    /** The {@code sasl.jaas.config} of a client that logs in as {@code user}. */
    public static String jaasConfig(final String user, final String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
            + "\" password=\"" + password + "\";";
    }

    /** The client properties of {@code user}, without bootstrap servers. */
    public static Map<String, Object> clientProperties(final String user, final String password) {
        final Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
        return properties;
    }

    /** Adds this listener to a broker's settings, next to the listeners it has. */
    void addTo(final Properties settings) {
        final String endpoint = NAME + "://" + bootstrapServers();
        settings.setProperty("listeners", settings.getProperty("listeners") + "," + endpoint);
        settings.setProperty("advertised.listeners", settings.getProperty("advertised.listeners") + "," + endpoint);
        settings.setProperty("listener.security.protocol.map",
            settings.getProperty("listener.security.protocol.map") + "," + NAME + ":SASL_PLAINTEXT");
        final String prefix = "listener.name." + NAME.toLowerCase() + ".";
        settings.setProperty(prefix + "sasl.enabled.mechanisms", MECHANISM);
        settings.setProperty(prefix + MECHANISM.toLowerCase() + ".sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    /**
     * Creates (or replaces) a SCRAM user through the broker's plaintext listener and returns once the
     * user can log in on this listener: credentials reach the broker through the metadata log.
     */
    public void createUser(final EmbeddedKafkaBroker broker, final String user, final String password,
                           final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin plaintext = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers()))) {
            plaintext.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, ITERATIONS), password)))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitLogin(user, password, deadline);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerStartException("cannot create SCRAM user " + user + " on " + broker.bootstrapServers()
                + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while creating SCRAM user " + user, e);
        }
    }

    private void awaitLogin(final String user, final String password, final long deadline)
        throws InterruptedException {
        final Map<String, Object> config = new HashMap<>(clientProperties(user, password));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        while (System.nanoTime() - deadline < 0) {
            try (Admin scram = Admin.create(config)) {
                scram.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException notYet) {
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
        throw new BrokerStartException("SCRAM user " + user + " cannot log in on " + bootstrapServers()
            + " in time");
    }
}
