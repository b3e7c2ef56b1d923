package io.covidkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class TwoBrokersTest {

    @Test
    void twoBrokersRunAtOnceOnDifferentPortsWithSeparateData() throws Exception {
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().build();
             EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().build()) {
            first.start();
            second.start();

            assertThat(first.bootstrapServers()).isNotEqualTo(second.bootstrapServers());
            assertThat(first.logDir()).isNotEqualTo(second.logDir());

            first.createTopic("only-on-first", 1);
            second.createTopic("only-on-second", 1);
            TestRecords.produce(first.bootstrapServers(), "only-on-first", Map.of("k", "first"));
            TestRecords.produce(second.bootstrapServers(), "only-on-second", Map.of("k", "second"));

            assertThat(TestRecords.consume(first.bootstrapServers(), "only-on-first", 1, Duration.ofSeconds(30)))
                .containsExactly(Map.entry("k", "first"));
            assertThat(TestRecords.consume(second.bootstrapServers(), "only-on-second", 1, Duration.ofSeconds(30)))
                .containsExactly(Map.entry("k", "second"));
            try (Admin admin = Admin.create(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("only-on-second").doesNotContain("only-on-first");
            }
        }
    }
}
