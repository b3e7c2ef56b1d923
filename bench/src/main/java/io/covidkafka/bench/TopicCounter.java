package io.covidkafka.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches how many records a topic holds (sum of its partitions' end offsets: no transactions are used, so every
 * offset is a record) and times a run from its first to its last record, the way one watches a connector from
 * outside.
 */
final class TopicCounter implements AutoCloseable {

    /** Observed progress of one run. */
    record Progress(long firstAtNanos, long firstCount, long lastAtNanos, long count) {
        Trial trial(String note) {
            // rows that arrived after the first observation, over the time they took: start-up is not counted
            return new Trial(count - firstCount, Math.max(1, lastAtNanos - firstAtNanos), note);
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicCounter(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private final Map<String, List<TopicPartition>> partitions = new java.util.HashMap<>();

    long count(String topic) {
        List<TopicPartition> tps = partitions.computeIfAbsent(topic, t -> consumer.partitionsFor(t,
                Duration.ofSeconds(10)).stream().map(p -> new TopicPartition(t, p.partition())).collect(Collectors.toList()));
        return consumer.endOffsets(tps, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Polls the topic's record count every {@code pollMs} until it reaches {@code expected}, or until it has not
     * grown for {@code stallMs} once past {@code minFraction} of it (a source that strands a few rows), or fails
     * after {@code timeoutMs} without progress.
     */
    Progress await(String topic, long expected, long pollMs, long stallMs, double minFraction, long timeoutMs)
            throws InterruptedException {
        long firstAt = 0;
        long firstCount = 0;
        long lastAt = 0;
        long last = 0;
        long lastChange = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long c = count(topic);
            if (c > last) {
                if (last == 0) {
                    firstAt = now;
                    firstCount = c;
                }
                last = c;
                lastAt = now;
                lastChange = now;
            }
            if (c >= expected) {
                return new Progress(firstAt, firstCount, lastAt, c);
            }
            long quietMs = (now - lastChange) / 1_000_000;
            if (c >= expected * minFraction && quietMs >= stallMs) {
                return new Progress(firstAt, firstCount, lastAt, c);
            }
            if (quietMs >= timeoutMs) {
                throw new IllegalStateException(topic + ": " + c + " of " + expected + " records, no progress for "
                        + quietMs + " ms");
            }
            Thread.sleep(pollMs);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
