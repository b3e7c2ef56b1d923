package io.covidkafka.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients to put test messages in and read what arrived, plus the exactly-once bookkeeping. */
final class Topics {

    static final ObjectMapper JSON = new ObjectMapper();

    private Topics() {
    }

    static Map<String, Object> clientProps(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putAll(extra);
        return p;
    }

    static void produce(String bootstrap, String topic, List<byte[]> values) {
        Map<String, Object> p = clientProps(bootstrap, Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20,
                ProducerConfig.LINGER_MS_CONFIG, 5));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, v));
            }
            producer.flush();
        }
    }

    /**
     * Reads the topic from the beginning, {@code read_committed}, until {@code done} holds for what arrived or
     * the timeout passes; then keeps reading {@code settleMs} longer so late duplicates are seen too.
     */
    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, Map<String, Object> extra,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout, long settleMs) {
        Map<String, Object> p = clientProps(bootstrap, extra);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 << 20);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            long until = System.currentTimeMillis() + timeout.toMillis();
            List<TopicPartition> tps = new ArrayList<>();
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
            long settleUntil = System.currentTimeMillis() + settleMs;
            while (System.currentTimeMillis() < settleUntil) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    static List<ConsumerRecord<byte[], byte[]>> awaitCount(String bootstrap, String topic, long n, Duration timeout,
                                                            long settleMs) {
        return read(bootstrap, topic, Map.of(), l -> l.size() >= n, timeout, settleMs);
    }

    static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The ids {@code [from, to)} that did not arrive, and the ids that arrived more than once or unexpectedly. */
    record Delivery(TreeSet<Long> missing, TreeMap<Long, Integer> extra, long distinct) {
        boolean exactlyOnce() {
            return missing.isEmpty() && extra.isEmpty();
        }

        long duplicates() {
            return extra.values().stream().mapToLong(n -> n - 1).sum();
        }

        @Override
        public String toString() {
            return "missing " + missing.size() + " " + abbreviate(missing) + ", extra " + extra.size() + " "
                    + abbreviate(extra.keySet());
        }

        private static String abbreviate(java.util.Collection<Long> ids) {
            List<Long> l = new ArrayList<>(ids);
            return l.size() <= 20 ? l.toString() : l.subList(0, 20) + "...";
        }
    }

    /** Counts ids (the {@code Confirmed} field of each JSON value) against the expected range. */
    static Delivery delivery(List<ConsumerRecord<byte[], byte[]>> records, long from, long to) {
        Map<Long, Integer> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            seen.merge(json(r.value()).get("Confirmed").asLong(), 1, Integer::sum);
        }
        TreeSet<Long> missing = new TreeSet<>();
        for (long i = from; i < to; i++) {
            if (!seen.containsKey(i)) {
                missing.add(i);
            }
        }
        TreeMap<Long, Integer> extra = new TreeMap<>();
        seen.forEach((id, n) -> {
            if (n > 1 || id < from || id >= to) {
                extra.put(id, n);
            }
        });
        return new Delivery(missing, extra, seen.size());
    }
}
