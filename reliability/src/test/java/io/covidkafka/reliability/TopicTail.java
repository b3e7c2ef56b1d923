package io.covidkafka.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows a topic from its beginning ({@code read_committed}) on a background thread for the whole of a fault
 * test, across worker kills and broker restarts, keeping every id (the {@code Confirmed} field) that arrived.
 */
final class TopicTail implements AutoCloseable {

    private final List<Long> ids = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final String topic;

    TopicTail(String bootstrap, String topic, int partitions) {
        this.topic = topic;
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> tps = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            tps.add(new TopicPartition(topic, i));
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        thread = new Thread(this::run, "tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    ids.add(Topics.json(r.value()).get("Confirmed").asLong());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    int count() {
        return ids.size();
    }

    List<Long> ids() {
        return List.copyOf(ids);
    }

    /** Waits until at least {@code n} records arrived. */
    void awaitCount(long n, Duration timeout) {
        ConnectRest.await(timeout, n + " records in " + topic + " (have " + ids.size() + ")", () -> ids.size() >= n);
    }

    /** Ids in {@code [from, to)} missing, and ids seen more than once or out of range. */
    Topics.Delivery delivery(long from, long to) {
        Map<Long, Integer> seen = new HashMap<>();
        for (Long id : ids) {
            seen.merge(id, 1, Integer::sum);
        }
        java.util.TreeSet<Long> missing = new java.util.TreeSet<>();
        for (long i = from; i < to; i++) {
            if (!seen.containsKey(i)) {
                missing.add(i);
            }
        }
        java.util.TreeMap<Long, Integer> extra = new java.util.TreeMap<>();
        seen.forEach((id, k) -> {
            if (k > 1 || id < from || id >= to) {
                extra.put(id, k);
            }
        });
        return new Topics.Delivery(missing, extra, seen.size());
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
