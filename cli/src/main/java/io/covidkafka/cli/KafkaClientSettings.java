package io.covidkafka.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka client settings shared by the commands that talk to a cluster: extra client properties (security,
 * timeouts) and how long to wait for the cluster before giving up with a clear message instead of hanging.
 */
final class KafkaClientSettings {

    @Option(names = {"-X", "--kafka"}, paramLabel = "KEY=VALUE",
            description = "A Kafka client property (repeatable), e.g. -X security.protocol=SASL_SSL. "
                    + "For Spark commands it becomes the kafka.KEY option.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "15s",
            converter = DemoCommand.DurationConverter.class,
            description = "How long to wait for the Kafka cluster to answer before failing (default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /** Client properties with {@code bootstrap.servers} set. */
    Map<String, Object> clientProperties(String bootstrapServers) {
        Map<String, Object> p = new HashMap<>(properties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /** The same properties as {@code kafka.*} options of {@code format("covid-kafka")}. */
    Map<String, String> sparkOptions(String bootstrapServers) {
        Map<String, String> o = new LinkedHashMap<>();
        properties.forEach((k, v) -> o.put("kafka." + k, v));
        o.put("kafka.bootstrap.servers", bootstrapServers);
        return o;
    }

    /**
     * Asks the cluster for its id within the timeout; a cluster that is down, a wrong address or wrong credentials
     * become one clear message here rather than a client retrying forever later.
     */
    void checkReachable(String bootstrapServers) {
        Map<String, Object> p = clientProperties(bootstrapServers);
        int ms = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().clusterId().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UsageException("cannot reach Kafka at " + bootstrapServers + " within " + connectTimeout.toSeconds()
                    + " s (is it running? right address? see --connect-timeout)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "no answer within " + connectTimeout.toSeconds() + " s (is it running? right address?)"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            throw new UsageException("cannot reach Kafka at " + bootstrapServers + ": " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while connecting to Kafka at " + bootstrapServers);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UsageException("bad Kafka client settings for " + bootstrapServers + ": " + e.getMessage());
        }
    }
}
