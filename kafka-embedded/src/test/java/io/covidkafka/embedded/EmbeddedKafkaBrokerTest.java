package io.covidkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(
        EmbeddedKafkaBroker.builder().defaultPartitions(3));

    @Test
    void recordsProducedAreConsumedWithTheirContent() throws Exception {
        KAFKA.createTopic("round-trip");
        Map<String, String> sent = TestRecords.numbered("rt", 100);

        TestRecords.produce(KAFKA.bootstrapServers(), "round-trip", sent);
        Map<String, String> received =
            TestRecords.consume(KAFKA.bootstrapServers(), "round-trip", sent.size(), Duration.ofSeconds(30));

        assertThat(received).containsExactlyInAnyOrderEntriesOf(sent);
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(KAFKA.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void createTopicUsesTheDefaultPartitionCount() throws Exception {
        KAFKA.createTopic("default-partitions");

        assertThat(describe("default-partitions").partitions()).hasSize(3);
    }

    @Test
    void createTopicAppliesTopicConfigs() throws Exception {
        KAFKA.createTopic("compacted", 1, Map.of("cleanup.policy", "compact"));

        try (Admin admin = admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "compacted");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void deletedTopicIsGoneAndIsNotAutoCreatedAgain() throws Exception {
        KAFKA.createTopic("short-lived", 1);
        KAFKA.deleteTopic("short-lived");

        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("short-lived");
        }
        // auto.create.topics.enable is off by default: producing to the deleted topic must not bring it back
        assertThatThrownBy(() -> TestRecords.produce(KAFKA.bootstrapServers(), "short-lived",
                Map.of("k", "v"), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_500)))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(TimeoutException.class);
    }

    private static TopicDescription describe(String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }
}
