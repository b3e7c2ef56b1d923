package io.covidkafka.cli;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.TestTls;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code produce}, {@code consume} and {@code bridge} against a broker that requires SASL/SCRAM over TLS and enforces
 * ACLs: the right {@code -X} client settings work, wrong credentials and a missing WRITE ACL are one clear line and
 * exit 2, fast, and no password is printed.
 */
class SecureKafkaCommandsIT {

    private static final String LISTENER = "SECURE";
    private static final String TOPIC = "secure-covid";
    private static final String WRITER = "writer";
    private static final String NO_WRITE = "nowrite";
    private static final String WRITER_PASSWORD = "Wr1ter-" + Long.toHexString(System.nanoTime());
    private static final String NO_WRITE_PASSWORD = "N0wr1te-" + Long.toHexString(System.nanoTime());

    @TempDir
    static Path tmp;

    static TestTls tls;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        tls = TestTls.create(tmp.resolve("tls"));
        broker = EmbeddedKafkaBroker.builder().scramOverTls(LISTENER, tls).acls().build();
        broker.start();
        broker.createScramUser(WRITER, WRITER_PASSWORD);
        broker.createScramUser(NO_WRITE, NO_WRITE_PASSWORD);
        broker.createTopic(TOPIC, 1);
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.READ)) {
            acls.add(allow(WRITER, op));
        }
        acls.add(allow(NO_WRITE, AclOperation.DESCRIBE));
        acls.add(allow(NO_WRITE, AclOperation.READ));
        broker.createAcls(acls);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static AclBinding allow(String user, AclOperation op) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    /** {@code -X key=value} arguments for a user with a password. */
    private static List<String> client(String user, String password) {
        List<String> args = new ArrayList<>();
        Map<String, String> trust = tls.clientTrust();
        trust.forEach((k, v) -> args.addAll(List.of("-X", k + "=" + v)));
        args.addAll(List.of("-X", "security.protocol=SASL_SSL", "-X", "sasl.mechanism=" + EmbeddedKafkaBroker.SCRAM_MECHANISM,
                "-X", "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";"));
        return args;
    }

    private static CliRun run(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return CliRun.run(all.toArray(String[]::new));
    }

    private static String to() {
        return "kafka://" + broker.bootstrapServers(LISTENER) + "/" + TOPIC;
    }

    @Test
    void rightCredentialsProduceConsumeAndBridgeWithoutPrintingThePassword() {
        CliRun produced = run(List.of("produce", "--to", to(), "--mapping", "phac", CliRun.shared(CliRun.PHAC)),
                client(WRITER, WRITER_PASSWORD));
        assertThat(produced.exit()).as(produced.err()).isZero();
        assertThat(produced.out()).contains("sent 1497 records");

        CliRun consumed = run(List.of("consume", "--from", to(), "--from-beginning", "--max-records", "1497", "--output", "json"),
                client(WRITER, WRITER_PASSWORD));
        assertThat(consumed.exit()).as(consumed.err()).isZero();
        assertThat(consumed.jsonLines()).hasSize(1497);

        CliRun bridged = run(List.of("bridge", "--from", "rate://?rowsPerSecond=50", "--to", to(), "--duration", "10s",
                "--checkpoint", tmp.resolve("bridge-cp").toString()), client(WRITER, WRITER_PASSWORD));
        assertThat(bridged.exit()).as(bridged.err()).isZero();
        assertThat(KafkaCommandsIT.readAll(broker.bootstrapServers(), TOPIC, 1497 + 1).size()).isGreaterThan(1497);

        for (CliRun r : List.of(produced, consumed, bridged)) {
            assertThat(r.out() + r.err()).doesNotContain(WRITER_PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsOneClearLineWithinSeconds() {
        for (String command : List.of("produce", "bridge")) {
            long t0 = System.nanoTime();
            List<String> head = command.equals("produce")
                    ? List.of("produce", "--to", to(), CliRun.shared(CliRun.PHAC))
                    : List.of("bridge", "--from", "rate://", "--to", to(), "--duration", "5s");
            CliRun run = run(head, client(WRITER, "not-" + WRITER_PASSWORD));
            long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
            assertThat(run.exit()).as(command + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(command).contains("cannot reach Kafka at " + broker.bootstrapServers(LISTENER))
                    .contains("Authentication failed").doesNotContain("\tat ").doesNotContain(WRITER_PASSWORD);
            assertThat(seconds).as(command).isLessThan(20);
        }
    }

    @Test
    void aPrincipalWithoutWriteAclCannotProduce() {
        CliRun run = run(List.of("produce", "--to", to(), "--mapping", "phac", CliRun.shared(CliRun.PHAC), "--connect-timeout", "10s"),
                client(NO_WRITE, NO_WRITE_PASSWORD));
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("covid-kafka produce: refused by Kafka: ").containsIgnoringCase("authoriz").contains("lacks an ACL")
                .doesNotContain("\tat ").doesNotContain(NO_WRITE_PASSWORD);
    }
}
