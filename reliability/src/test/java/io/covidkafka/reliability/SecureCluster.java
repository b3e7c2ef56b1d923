package io.covidkafka.reliability;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.TestTls;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A broker with a SASL_SSL listener (SCRAM-SHA-512, self-signed TLS) and deny-by-default ACLs, plus the
 * principals the security tests use, each with a random password the tests then look for in logs and outputs.
 */
final class SecureCluster implements AutoCloseable {

    static final String LISTENER = "SECURE";
    /** Connect worker: super user (its internal topics and groups are not what is tested here). */
    static final String WORKER = "connect";
    /** The connector's producer: may write the feed topic. */
    static final String FEEDER = "feeder";
    /** May read the read topic (any Spark consumer group). */
    static final String READER = "reader";
    /** May write the output topic. */
    static final String WRITER = "writer";
    /** May see the topics, may not write them. */
    static final String NO_WRITE = "nowrite";

    static final String FEED_TOPIC = "secure-feed";
    static final String READ_TOPIC = "secure-read";
    static final String OUT_TOPIC = "secure-out";

    final TestTls tls;
    final EmbeddedKafkaBroker broker;
    final Map<String, String> passwords = new LinkedHashMap<>();

    SecureCluster(Path dir) {
        tls = TestTls.create(dir);
        broker = EmbeddedKafkaBroker.builder().scramOverTls(LISTENER, tls).acls(WORKER)
                .brokerProperties(Workers.brokerSettings()).build();
        broker.start();
        SecureRandom random = new SecureRandom();
        for (String user : List.of(WORKER, FEEDER, READER, WRITER, NO_WRITE)) {
            byte[] b = new byte[12];
            random.nextBytes(b);
            passwords.put(user, "S3cr3t-" + HexFormat.of().formatHex(b));
            broker.createScramUser(user, passwords.get(user));
        }
        for (String t : List.of(FEED_TOPIC, READ_TOPIC, OUT_TOPIC)) {
            broker.createTopic(t, 1);
        }
        List<AclBinding> acls = new ArrayList<>();
        acls.add(allow(ResourceType.TOPIC, FEED_TOPIC, PatternType.LITERAL, FEEDER, AclOperation.WRITE));
        acls.add(allow(ResourceType.TOPIC, FEED_TOPIC, PatternType.LITERAL, FEEDER, AclOperation.DESCRIBE));
        acls.add(allow(ResourceType.TOPIC, READ_TOPIC, PatternType.LITERAL, READER, AclOperation.READ));
        acls.add(allow(ResourceType.TOPIC, READ_TOPIC, PatternType.LITERAL, READER, AclOperation.DESCRIBE));
        acls.add(allow(ResourceType.GROUP, "spark-kafka-", PatternType.PREFIXED, READER, AclOperation.READ));
        acls.add(allow(ResourceType.TOPIC, OUT_TOPIC, PatternType.LITERAL, WRITER, AclOperation.WRITE));
        acls.add(allow(ResourceType.TOPIC, OUT_TOPIC, PatternType.LITERAL, WRITER, AclOperation.DESCRIBE));
        for (String t : List.of(FEED_TOPIC, READ_TOPIC, OUT_TOPIC)) {
            acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, NO_WRITE, AclOperation.DESCRIBE));
            acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, NO_WRITE, AclOperation.READ));
        }
        broker.createAcls(acls);
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String user, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    String secureBootstrap() {
        return broker.bootstrapServers(LISTENER);
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Client settings for {@code user} (its real password unless {@code password} is given). */
    Map<String, String> client(String user, String password) {
        Map<String, String> m = new LinkedHashMap<>(tls.clientTrust());
        m.put("security.protocol", "SASL_SSL");
        m.put("sasl.mechanism", EmbeddedKafkaBroker.SCRAM_MECHANISM);
        m.put("sasl.jaas.config", jaas(user, password != null ? password : passwords.get(user)));
        return m;
    }

    /** The same settings as Spark options ({@code kafka.} prefix), with the SASL_SSL bootstrap address. */
    Map<String, String> sparkOptions(String user, String password) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kafka.bootstrap.servers", secureBootstrap());
        client(user, password).forEach((k, v) -> m.put("kafka." + k, v));
        return m;
    }

    @Override
    public void close() {
        broker.close();
    }
}
