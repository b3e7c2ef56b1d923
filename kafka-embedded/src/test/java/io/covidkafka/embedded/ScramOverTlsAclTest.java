package io.covidkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScramOverTlsAclTest {

    @TempDir
    Path tmp;

    private static Map<String, Object> client(EmbeddedKafkaBroker kafka, TestTls tls, String user, String password) {
        Map<String, Object> p = new HashMap<>(tls.clientTrust());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers("SECURE"));
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", EmbeddedKafkaBroker.SCRAM_MECHANISM);
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return p;
    }

    private static void send(Map<String, Object> props, String topic) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props)) {
            p.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void scramUsersOverTlsGetOnlyWhatTheirAclsAllow() throws Exception {
        TestTls tls = TestTls.create(tmp);
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().scramOverTls("SECURE", tls).acls().build()) {
            kafka.start();
            kafka.createTopic("guarded", 1);
            kafka.createScramUser("alice", "alice-secret");
            kafka.createScramUser("bob", "bob-secret");
            kafka.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "guarded", PatternType.LITERAL),
                    new AccessControlEntry("User:alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW))));

            send(client(kafka, tls, "alice", "alice-secret"), "guarded");
            assertThat(TestRecords.consume(kafka.bootstrapServers(), "guarded", 1, Duration.ofSeconds(20)))
                    .containsEntry("k", "v");

            assertThatThrownBy(() -> send(client(kafka, tls, "bob", "bob-secret"), "guarded"))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> send(client(kafka, tls, "alice", "wrong"), "guarded"))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
