package io.covidkafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 3.9 KRaft cluster (one process acting as broker and controller) running inside this JVM,
 * listening on 127.0.0.1 only, on ports chosen at the first {@link #start()}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder()
 *         .brokerProperty("message.max.bytes", "2097152")
 *         .build()) {
 *     kafka.start();
 *     kafka.createTopic("cases", 2);
 *     // clients use kafka.bootstrapServers()
 * }
 * }</pre>
 *
 * <p>{@link #stop()} shuts the node down but keeps its ports and its log directory, so a later {@link #start()} (or
 * {@link #restart()}) brings back the same cluster with its data, reachable at the same bootstrap address.
 * {@link #close()} stops the node and deletes the log directory.
 *
 * <p>Kafka's own fatal-error handlers may halt the JVM (as they would a real broker) if the node's metadata becomes
 * unusable; that has not been seen in normal start/stop cycles.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The listener clients and the broker itself (inter-broker) use; {@link #bootstrapServers()} points to it. */
    public static final String CLIENT_LISTENER = "PLAINTEXT";
    /** The KRaft controller's own listener; never advertised to clients. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    /** Ports freshly chosen can be taken by another process before Kafka binds them; retry a few times. */
    private static final int BIND_ATTEMPTS = 3;

    private final Map<String, SecurityProtocol> listeners;
    private final Map<String, String> extraProperties;
    private final int defaultPartitions;
    private final boolean autoCreateTopics;
    private final Duration startupTimeout;
    private final IntSupplier portSource;

    /** Chosen at the first start and kept, so restarts keep the bootstrap address. */
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private Path logDir;
    private KafkaRaftServer server;
    private Admin admin;

    private EmbeddedKafkaBroker(Builder builder) {
        this.listeners = new LinkedHashMap<>(builder.listeners);
        this.extraProperties = new LinkedHashMap<>(builder.extraProperties);
        this.defaultPartitions = builder.defaultPartitions;
        this.autoCreateTopics = builder.autoCreateTopics;
        this.startupTimeout = builder.startupTimeout;
        this.portSource = builder.portSource;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the node and returns once it answers {@code describeCluster} and lists itself as a live broker. The
     * first call formats a fresh temporary log directory; later calls (after {@link #stop()}) reuse it.
     *
     * @throws IllegalStateException if the node is not ready within the startup timeout, or cannot start
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        long began = System.nanoTime();
        boolean freshPorts = ports.isEmpty();
        for (int attempt = 1; ; attempt++) {
            if (freshPorts) {
                choosePorts();
            }
            try {
                ensureFormatted();
                startServer();
                break;
            } catch (RuntimeException e) {
                if (!freshPorts || attempt >= BIND_ATTEMPTS || !causedByBindFailure(e)) {
                    throw new IllegalStateException("embedded Kafka broker failed to start on " + ports, e);
                }
                LOG.warn("a chosen port was taken before Kafka bound it ({}); retrying on new ports", ports);
                wipeLogDir(); // the failed start may have written metadata that names no longer used ports
            }
        }
        awaitReady();
        LOG.info("Kafka broker ready at {} in {} ms (log dir {})", bootstrapServers(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), logDir);
        return this;
    }

    /** Shuts the node down cleanly; ports and log directory are kept for a later {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        closeAdmin();
        shutdown(server);
        server = null;
    }

    /** {@link #stop()} then {@link #start()}: same ports, same data. */
    public synchronized EmbeddedKafkaBroker restart() {
        stop();
        return start();
    }

    /** Stops the node if it runs and deletes its log directory. */
    @Override
    public synchronized void close() {
        stop();
        if (logDir != null) {
            deleteRecursively(logDir);
            logDir = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code 127.0.0.1:port} of the {@value #CLIENT_LISTENER} listener. */
    public String bootstrapServers() {
        return bootstrapServers(CLIENT_LISTENER);
    }

    /** {@code 127.0.0.1:port} of a listener added with {@link Builder#listener}, e.g. a SASL or TLS one. */
    public synchronized String bootstrapServers(String listenerName) {
        Integer port = ports.get(listenerName.toUpperCase(Locale.ROOT));
        if (port == null || CONTROLLER_LISTENER.equals(listenerName.toUpperCase(Locale.ROOT))) {
            throw new IllegalStateException(ports.isEmpty()
                ? "the broker has not been started yet"
                : "no client listener named " + listenerName + "; listeners are " + listeners.keySet());
        }
        return HOST + ":" + port;
    }

    /** The log directory, or null before the first start and after {@link #close()}. */
    public synchronized Path logDir() {
        return logDir;
    }

    /** Creates a topic with the builder's default partition count. */
    public void createTopic(String name) {
        createTopic(name, defaultPartitions);
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic (replication factor 1) with topic-level configs, e.g. {@code cleanup.policy=compact}, and
     * returns once the broker serves every partition, so producers see no UNKNOWN_TOPIC_OR_PARTITION retries.
     */
    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(topicConfigs);
        await(runningAdmin().createTopics(List.of(topic)).all(), "create topic " + name);
        waitUntil(() -> allPartitionsLed(name, partitions), "topic " + name + " to have leaders");
    }

    /** Deletes a topic and returns once the broker no longer lists it. */
    public void deleteTopic(String name) {
        await(runningAdmin().deleteTopics(List.of(name)).all(), "delete topic " + name);
        waitUntil(() -> !await(runningAdmin().listTopics().names(), "list topics").contains(name),
            "topic " + name + " to disappear");
    }

    /** The SASL mechanism of {@link Builder#scramOverTls} listeners. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /**
     * Creates (or replaces) a SCRAM-SHA-512 user and returns once the broker lists its credential. In KRaft the
     * credential lives in the cluster metadata, like a topic.
     */
    public void createScramUser(String user, String password) {
        await(runningAdmin().alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all(), "create SCRAM user " + user);
        waitUntil(() -> {
            try {
                return runningAdmin().describeUserScramCredentials(List.of(user)).all()
                        .get(2, TimeUnit.SECONDS).containsKey(user);
            } catch (ExecutionException | TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, "SCRAM user " + user + " to be listed");
    }

    /** Creates ACLs (brokers built with {@link Builder#acls}) and returns once the broker lists all of them. */
    public void createAcls(Collection<AclBinding> acls) {
        await(runningAdmin().createAcls(acls).all(), "create ACLs");
        waitUntil(() -> {
            try {
                return runningAdmin().describeAcls(AclBindingFilter.ANY).values().get(2, TimeUnit.SECONDS)
                        .containsAll(acls);
            } catch (ExecutionException | TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, "ACLs to be listed");
    }

    private void choosePorts() {
        ports.clear();
        ports.put(CONTROLLER_LISTENER, portSource.getAsInt());
        for (String listener : listeners.keySet()) {
            ports.put(listener, portSource.getAsInt());
        }
    }

    private void ensureFormatted() {
        try {
            if (logDir == null) {
                logDir = Files.createTempDirectory("covid-kafka-broker-");
            }
            if (!KraftStorage.isFormatted(logDir)) {
                KraftStorage.format(logDir, NODE_ID, CONTROLLER_LISTENER);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot format KRaft log directory " + logDir, e);
        }
    }

    private void startServer() {
        KafkaRaftServer candidate = new KafkaRaftServer(new KafkaConfig(brokerConfig(), false), Time.SYSTEM);
        try {
            candidate.startup();
        } catch (RuntimeException e) {
            shutdown(candidate);
            throw e;
        }
        server = candidate;
        admin = Admin.create(Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** The broker's configuration: our defaults, then the caller's extra properties (which win). */
    Map<String, String> brokerConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + ports.get(CONTROLLER_LISTENER));
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", CLIENT_LISTENER);
        config.put("listeners", endpoints(ports.keySet()));
        config.put("advertised.listeners", endpoints(listeners.keySet()));
        config.put("listener.security.protocol.map", protocolMap());
        config.put("log.dirs", logDir.toString());
        config.put("num.partitions", Integer.toString(defaultPartitions));
        config.put("default.replication.factor", "1");
        config.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // 50 partitions each (the defaults) make the first consumer group or transaction wait seconds on 2 cores
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.num.partitions", "1");
        // the log cleaner allocates this buffer at startup: 128 MiB by default, per broker, out of the test heap
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        config.putAll(extraProperties);
        return config;
    }

    private String endpoints(Collection<String> listenerNames) {
        return listenerNames.stream()
            .map(name -> name + "://" + HOST + ":" + ports.get(name))
            .collect(Collectors.joining(","));
    }

    private String protocolMap() {
        return Stream.concat(
                Stream.of(CONTROLLER_LISTENER + ":" + SecurityProtocol.PLAINTEXT.name),
                listeners.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().name))
            .collect(Collectors.joining(","));
    }

    private void awaitReady() {
        try {
            waitUntil(this::brokerIsLive, "broker " + bootstrapServers() + " to be ready");
        } catch (IllegalStateException e) {
            stop();
            throw e;
        }
    }

    /** The node lists itself as a live broker only after the controller has unfenced it: then topics can be made. */
    private boolean brokerIsLive() {
        try {
            Collection<Node> nodes = runningAdmin().describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return nodes.stream().anyMatch(node -> node.id() == NODE_ID);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("broker not ready yet: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private boolean allPartitionsLed(String topic, int partitions) {
        try {
            TopicDescription description = runningAdmin().describeTopics(Set.of(topic)).allTopicNames()
                .get(2, TimeUnit.SECONDS).get(topic);
            List<TopicPartitionInfo> infos = description.partitions();
            return infos.size() == partitions && infos.stream().allMatch(p -> p.leader() != null);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
        }
    }

    private void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + startupTimeout.toSeconds() + " s waiting for "
                    + what + " (log dir " + logDir + "); raise the log level of 'kafka' and 'org.apache.kafka' to see why");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("failed to " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out trying to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted trying to " + what, e);
        }
    }

    private synchronized Admin runningAdmin() {
        if (admin == null) {
            throw new IllegalStateException("the embedded Kafka broker is not running");
        }
        return admin;
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    private static void shutdown(KafkaRaftServer raftServer) {
        try {
            raftServer.shutdown();
            raftServer.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("embedded Kafka broker did not shut down cleanly", e);
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private void wipeLogDir() {
        if (logDir != null) {
            deleteRecursively(logDir);
            logDir = null;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Settings for an {@link EmbeddedKafkaBroker}; {@link #build()} may be called more than once. */
    public static final class Builder {

        private final Map<String, SecurityProtocol> listeners = new LinkedHashMap<>();
        private final Map<String, String> extraProperties = new LinkedHashMap<>();
        private int defaultPartitions = 1;
        private boolean autoCreateTopics = false;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private IntSupplier portSource = FreePorts::loopbackPort;

        private Builder() {
            listeners.put(CLIENT_LISTENER, SecurityProtocol.PLAINTEXT);
        }

        /**
         * Any broker property ({@code message.max.bytes}, {@code sasl.enabled.mechanisms},
         * {@code listener.name.sasl_plaintext.plain.sasl.jaas.config}, ...). Applied last, so it overrides this
         * class's defaults; do not set {@code listeners} or ports here, use {@link #listener} instead.
         */
        public Builder brokerProperty(String name, String value) {
            extraProperties.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /**
         * Adds a client listener on its own free port, e.g. {@code listener("SASL_PLAINTEXT",
         * SecurityProtocol.SASL_PLAINTEXT)}; its address is {@link EmbeddedKafkaBroker#bootstrapServers(String)}.
         * Its mechanism settings go in {@link #brokerProperty}. The {@value #CLIENT_LISTENER} listener stays and
         * carries inter-broker traffic.
         */
        public Builder listener(String name, SecurityProtocol protocol) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals(CLIENT_LISTENER) || upper.equals(CONTROLLER_LISTENER)) {
                throw new IllegalArgumentException(upper + " is the embedded broker's own listener");
            }
            listeners.put(upper, Objects.requireNonNull(protocol));
            return this;
        }

        /**
         * Adds a SASL_SSL client listener that authenticates SCRAM-SHA-512 users over TLS with {@code tls}'s key
         * store. Create users with {@link EmbeddedKafkaBroker#createScramUser} once the broker runs; clients then set
         * {@code security.protocol=SASL_SSL}, {@code sasl.mechanism=SCRAM-SHA-512}, a ScramLoginModule
         * {@code sasl.jaas.config} and {@link TestTls#clientTrust()}.
         */
        public Builder scramOverTls(String listenerName, TestTls tls) {
            String l = listenerName.toLowerCase(Locale.ROOT);
            listener(listenerName, SecurityProtocol.SASL_SSL);
            brokerProperty("listener.name." + l + ".sasl.enabled.mechanisms", SCRAM_MECHANISM);
            brokerProperty("listener.name." + l + ".scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            brokerProperty("listener.name." + l + ".ssl.keystore.location", tls.keyStore().toString());
            brokerProperty("listener.name." + l + ".ssl.keystore.password", tls.password());
            brokerProperty("listener.name." + l + ".ssl.key.password", tls.password());
            brokerProperty("listener.name." + l + ".ssl.keystore.type", "PKCS12");
            return this;
        }

        /**
         * Turns on KRaft's {@code StandardAuthorizer} with deny-by-default: only ACLs (see
         * {@link EmbeddedKafkaBroker#createAcls}) and super users get in. The principal of the broker's own
         * PLAINTEXT and controller listeners ({@code User:ANONYMOUS}) is always a super user, so the broker, its
         * admin helpers and tests that use {@link EmbeddedKafkaBroker#bootstrapServers()} keep full access.
         */
        public Builder acls(String... superUsers) {
            StringBuilder supers = new StringBuilder("User:ANONYMOUS");
            for (String u : superUsers) {
                supers.append(";User:").append(u);
            }
            brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            brokerProperty("super.users", supers.toString());
            brokerProperty("allow.everyone.if.no.acl.found", "false");
            return this;
        }

        /** {@code num.partitions}, and the count {@link EmbeddedKafkaBroker#createTopic(String)} uses. Default 1. */
        public Builder defaultPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
            }
            this.defaultPartitions = partitions;
            return this;
        }

        /** {@code auto.create.topics.enable}; off by default so a misspelt topic fails instead of appearing. */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        /** How long {@code start()} and the topic helpers wait for the broker. Default 60 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Where ports come from; tests use it to hand out a taken port. */
        Builder portSource(IntSupplier source) {
            this.portSource = Objects.requireNonNull(source);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
