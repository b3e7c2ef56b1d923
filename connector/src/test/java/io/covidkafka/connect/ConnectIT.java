package io.covidkafka.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One distributed Connect worker with exactly-once source support enabled, and its own KRaft broker, shared by
 * the connector ITs of one class; plus read_committed helpers.
 */
final class ConnectIT {

    static final ObjectMapper JSON = new ObjectMapper();

    private ConnectIT() {
    }

    static EmbeddedConnectCluster start(String name) {
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("exactly.once.source.support", "enabled");
        worker.put("offset.flush.interval.ms", "500");
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        EmbeddedConnectCluster c = new EmbeddedConnectCluster.Builder()
                .name(name).numWorkers(1).numBrokers(1).workerProps(worker).brokerProps(broker).build();
        c.start();
        return c;
    }

    /** Connector config with JSON values (no schema envelope) so tests can read fields. */
    static Map<String, String> props(String topic, String dir) {
        Map<String, String> m = new HashMap<>();
        m.put("connector.class", FeedSourceConnector.class.getName());
        m.put("tasks.max", "1");
        m.put("topic", topic);
        if (dir != null) {
            m.put("input.path", dir);
        }
        m.put("poll.interval.ms", "200");
        m.put("file.min.age.ms", "0");
        m.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        m.put("key.converter.schemas.enable", "false");
        m.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        m.put("value.converter.schemas.enable", "false");
        m.put("header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter");
        return m;
    }

    /** Everything committed in the topic, read until nothing new arrived for {@code quietMs} or until done. */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(EmbeddedConnectCluster c, String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, long timeoutMs) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = c.kafka().createConsumer(props)) {
            List<TopicPartition> tps = new ArrayList<>();
            long until = System.currentTimeMillis() + timeoutMs;
            while (tps.isEmpty() && System.currentTimeMillis() < until) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null) {
                    infos.forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
                }
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (System.currentTimeMillis() < until && !done.test(out)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    static JsonNode value(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
