package io.covidkafka.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Stateful running averages across a stop and a restart from the same checkpoint. */
class RunningAverageIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WORDS = List.of("alpha", "beta", "gamma", "delta", "epsilon");

    @Test
    void averagesContinueAfterARestartFromTheCheckpoint(@TempDir Path dir) throws Exception {
        KAFKA.createTopic("pairs", 2);
        KAFKA.createTopic("averages", 2);
        Random random = new Random(42);
        List<String> first = pairs(random, 300);
        first.add("gamma,not-a-number");
        first.add("no comma here");
        TestTopics.produce(KAFKA.bootstrapServers(), "pairs", first);
        String[] args = {"--bootstrap-servers", KAFKA.bootstrapServers(), "--trigger", "available-now",
                "--checkpoint", dir.resolve("cp").toString()};
        Jobs.runToEnd(Jobs.parse(new RunningAverage(), args));
        assertThat(latestPerWord()).isEqualTo(expected(first));

        // new pairs only for some words: a fresh query from the same checkpoint must still average over ALL pairs
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            second.add(WORDS.get(i % 2) + "," + (1000 + random.nextInt(100)));
        }
        TestTopics.produce(KAFKA.bootstrapServers(), "pairs", second);
        Jobs.runToEnd(Jobs.parse(new RunningAverage(), args));
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        Map<String, String> latest = latestPerWord();
        assertThat(latest).isEqualTo(expected(all));
        assertThat(latest.get("alpha")).isNotEqualTo(expected(second).get("alpha"));
    }

    private static List<String> pairs(Random random, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(WORDS.get(random.nextInt(WORDS.size())) + "," + (random.nextInt(201) - 100));
        }
        return out;
    }

    /** "average/count" per word computed here from the well-formed pairs. */
    private static Map<String, String> expected(List<String> pairs) {
        Map<String, long[]> sums = new HashMap<>();
        for (String p : pairs) {
            String[] parts = p.split(",");
            if (parts.length == 2 && parts[1].matches("-?\\d+")) {
                long[] s = sums.computeIfAbsent(parts[0], k -> new long[2]);
                s[0] += Long.parseLong(parts[1]);
                s[1]++;
            }
        }
        Map<String, String> out = new HashMap<>();
        sums.forEach((w, s) -> out.put(w, ((double) s[0] / s[1]) + "/" + s[1]));
        return out;
    }

    /** The newest average per word in the output topic (the one with the highest count). */
    private static Map<String, String> latestPerWord() throws Exception {
        Map<String, JsonNode> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TestTopics.readAll(KAFKA.bootstrapServers(), "averages")) {
            JsonNode n = JSON.readTree(r.value());
            latest.merge(n.get("Word").asText(), n,
                    (a, b) -> a.get("Count").asLong() >= b.get("Count").asLong() ? a : b);
        }
        Map<String, String> out = new HashMap<>();
        latest.forEach((w, n) -> out.put(w, n.get("Average").asDouble() + "/" + n.get("Count").asLong()));
        return out;
    }
}
