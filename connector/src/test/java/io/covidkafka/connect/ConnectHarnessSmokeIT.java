package io.covidkafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves Kafka's own Connect test harness ({@link EmbeddedConnectCluster}, from connect-runtime's {@code test} jar,
 * with its own KRaft cluster) runs on this project's classpath (Jackson 2.15.2, Jersey 2.47): a distributed worker
 * runs Kafka's {@link FileStreamSourceConnector} and the file's lines arrive in the topic.
 */
class ConnectHarnessSmokeIT {

    private static final String CONNECTOR = "file-source";
    private static final String TOPIC = "file-lines";

    private EmbeddedConnectCluster connect;

    @BeforeEach
    void startConnect() {
        connect = new EmbeddedConnectCluster.Builder()
            .name("smoke-connect")
            .numWorkers(1)
            .numBrokers(1)
            // the harness writes into this map (and forces its REST listener to HTTP://localhost:0)
            .workerProps(new HashMap<>(Map.of(
                // connect-file ships ServiceLoader manifests: skip the slow scan of the whole test classpath
                "plugin.discovery", "service_load")))
            .build();
        connect.start();
    }

    @AfterEach
    void stopConnect() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void fileStreamSourceLinesReachTheTopic(@TempDir Path dir) throws Exception {
        List<String> lines = List.of("date,state,cases", "2020-03-01,WA,1", "2020-03-02,WA,4", "2020-03-03,NY,2");
        Path file = Files.write(dir.resolve("cases.csv"), lines, StandardCharsets.UTF_8);
        connect.kafka().createTopic(TOPIC, 1);

        connect.configureConnector(CONNECTOR, Map.of(
            ConnectorConfig.CONNECTOR_CLASS_CONFIG, FileStreamSourceConnector.class.getName(),
            ConnectorConfig.TASKS_MAX_CONFIG, "1",
            ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, StringConverter.class.getName(),
            ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, StringConverter.class.getName(),
            FileStreamSourceConnector.FILE_CONFIG, file.toString(),
            FileStreamSourceConnector.TOPIC_CONFIG, TOPIC));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(CONNECTOR, 1, "file source did not start");

        List<String> received = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consume(lines.size(), 60_000, TOPIC)) {
            received.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        assertThat(received).containsExactlyElementsOf(lines);
    }
}
