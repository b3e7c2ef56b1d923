package io.covidkafka.embedded;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients writing and reading string records, so tests talk to the broker over the network. */
final class TestRecords {

    private TestRecords() {
    }

    /** Sends key/value pairs in order and waits until the broker acknowledged every one. */
    static void produce(String bootstrapServers, String topic, Map<String, String> records)
        throws ExecutionException, InterruptedException {
        produce(bootstrapServers, topic, records, Map.of());
    }

    /** As above, with producer settings added or overridden, e.g. {@code max.block.ms}. */
    static void produce(String bootstrapServers, String topic, Map<String, String> records,
                        Map<String, Object> producerOverrides) throws ExecutionException, InterruptedException {
        Map<String, Object> config = new HashMap<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        config.putAll(producerOverrides);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (Map.Entry<String, String> record : records.entrySet()) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())).get();
            }
        }
    }

    /** Reads the topic from the beginning until {@code expected} records arrived or {@code timeout} passed. */
    static Map<String, String> consume(String bootstrapServers, String topic, int expected, Duration timeout) {
        Map<String, Object> config = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, String> received = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.put(record.key(), record.value());
                }
            }
        }
        return received;
    }

    static Map<String, String> numbered(String prefix, int count) {
        Map<String, String> records = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            records.put(prefix + "-key-" + i, prefix + "-value-" + i);
        }
        return records;
    }
}
