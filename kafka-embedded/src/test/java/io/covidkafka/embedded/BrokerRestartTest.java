package io.covidkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerRestartTest {

    @Test
    void dataWrittenBeforeARestartIsReadAfterItOnTheSameAddress() throws Exception {
        Path logDir;
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build()) {
            kafka.start();
            String addressBefore = kafka.bootstrapServers();
            kafka.createTopic("survives", 2);
            Map<String, String> sent = TestRecords.numbered("before", 50);
            TestRecords.produce(addressBefore, "survives", sent);

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();

            assertThat(kafka.bootstrapServers()).isEqualTo(addressBefore);
            Map<String, String> received =
                TestRecords.consume(kafka.bootstrapServers(), "survives", sent.size(), Duration.ofSeconds(30));
            assertThat(received).containsExactlyInAnyOrderEntriesOf(sent);

            // the restarted node also takes new writes next to the old ones
            kafka.restart();
            TestRecords.produce(kafka.bootstrapServers(), "survives", Map.of("after", "restart"));
            assertThat(TestRecords.consume(kafka.bootstrapServers(), "survives", sent.size() + 1,
                    Duration.ofSeconds(30)))
                .hasSize(sent.size() + 1)
                .containsEntry("after", "restart");
            logDir = kafka.logDir();
        }
        assertThat(logDir).isNotNull();
        assertThat(Files.exists(logDir)).as("close() deletes the log directory").isFalse();
    }
}
