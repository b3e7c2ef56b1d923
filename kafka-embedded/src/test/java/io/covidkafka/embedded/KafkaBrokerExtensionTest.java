package io.covidkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBrokerExtensionTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
        .listener("EXTERNAL", SecurityProtocol.PLAINTEXT)
        .brokerProperty("message.max.bytes", "2097152"));

    private static final Set<EmbeddedKafkaBroker> SEEN = new HashSet<>();

    @Test
    @Order(1)
    void oneBrokerServesTheWholeClass() {
        SEEN.add(KAFKA.broker());
        assertThat(KAFKA.broker().isRunning()).isTrue();
    }

    @Test
    @Order(2)
    void theSameBrokerIsStillThere() {
        SEEN.add(KAFKA.broker());
        assertThat(SEEN).hasSize(1);
    }

    @Test
    @Order(3)
    void extraListenerAndBrokerPropertiesReachTheBroker() throws Exception {
        String external = KAFKA.broker().bootstrapServers("external");
        assertThat(external).isNotEqualTo(KAFKA.bootstrapServers());

        KAFKA.createTopic("via-external", 1);
        // a 1.5 MB record passes only because message.max.bytes was raised from its 1 MB default
        String big = "x".repeat(1_500_000);
        TestRecords.produce(external, "via-external", Map.of("big", big),
            Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000));
        assertThat(TestRecords.consume(external, "via-external", 1, Duration.ofSeconds(30)))
            .containsEntry("big", big);
    }

    @Nested
    class NestedClass {
        @Test
        void sharesTheOuterClassBroker() {
            SEEN.add(KAFKA.broker());
            assertThat(SEEN).hasSize(1);
        }
    }
}
