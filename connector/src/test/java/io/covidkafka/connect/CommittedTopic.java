package io.covidkafka.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * A read_committed consumer of one single-partition topic of {@link TestFeeds} rows that keeps every record it saw
 * (duplicates too), read up to the last stable offset on demand; ids are the rows' {@code Confirmed} values.
 */
final class CommittedTopic implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition tp;
    private final List<Long> ids = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();

    CommittedTopic(EmbeddedConnectCluster connect, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        consumer = connect.kafka().createConsumer(props);
        tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
    }

    /** Reads everything committed so far (up to the last stable offset); returns all ids seen, in order. */
    List<Long> catchUp() {
        long end = consumer.endOffsets(List.of(tp)).get(tp); // under read_committed: the last stable offset
        long until = System.currentTimeMillis() + 60_000;
        while (consumer.position(tp) < end && System.currentTimeMillis() < until) {
            poll(100);
        }
        return List.copyOf(ids);
    }

    /** Reads until {@code distinct} different ids were seen, then {@code quietMs} longer so late duplicates show. */
    List<Long> awaitDistinct(int distinct, long timeoutMs, long quietMs) {
        long until = System.currentTimeMillis() + timeoutMs;
        while (new TreeSet<>(ids).size() < distinct && System.currentTimeMillis() < until) {
            poll(200);
        }
        long quiet = System.currentTimeMillis() + quietMs;
        while (System.currentTimeMillis() < quiet) {
            poll(200);
        }
        return List.copyOf(ids);
    }

    private void poll(long ms) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(ms))) {
            var value = ConnectIT.value(r);
            ids.add(value.get("Confirmed").asLong());
            String m = TestFeeds.mismatch(value);
            if (m != null && mismatches.size() < 20) {
                mismatches.add(m);
            }
        }
    }

    /** Records whose content differs from the row their id names (the first 20). */
    List<String> contentMismatches() {
        return List.copyOf(mismatches);
    }

    /** Missing ids of {@code from..to-1} and ids seen more than once or out of range (id -> count), for messages. */
    static String exactlyOnceReport(List<Long> seenIds, long from, long to) {
        Map<Long, Integer> seen = new TreeMap<>();
        seenIds.forEach(id -> seen.merge(id, 1, Integer::sum));
        TreeSet<Long> missing = new TreeSet<>();
        for (long i = from; i < to; i++) {
            if (!seen.containsKey(i)) {
                missing.add(i);
            }
        }
        Map<Long, Integer> extra = new TreeMap<>();
        seen.forEach((id, n) -> {
            if (n > 1 || id < from || id >= to) {
                extra.put(id, n);
            }
        });
        if (missing.isEmpty() && extra.isEmpty()) {
            return "";
        }
        return "missing (" + missing.size() + "): " + abbreviate(missing.toString())
                + "; duplicated or unexpected id=count (" + extra.size() + "): " + abbreviate(extra.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
