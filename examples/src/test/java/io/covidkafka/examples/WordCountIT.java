package io.covidkafka.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Word count from a directory and from a topic, the counts written to Kafka and compared with a plain count. */
class WordCountIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> LINES = List.of(
            "Alberta, British Columbia and Ontario report new cases",
            "\"Quebec\" reports new cases; Ontario reports recoveries",
            "Nova Scotia\treports 5 new cases",
            "Province's totals: 18062 confirmed, 267 deaths");

    @Test
    void countsWordsOfFilesDroppedInADirectory(@TempDir Path dir) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.write(inbox.resolve("a.txt"), LINES.subList(0, 2));
        Files.write(inbox.resolve("b.txt"), LINES.subList(2, 4));
        KAFKA.createTopic("dir-counts", 1);
        Jobs.runToEnd(Jobs.parse(new WordCount(), "--source", "dir:" + inbox, "--output-topic", "dir-counts",
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--trigger", "available-now"));
        assertThat(latestCounts("dir-counts")).isEqualTo(expected(LINES));
    }

    @Test
    void countsWordsOfLinesOnATopicAcrossTwoRunsWithUpdateMode(@TempDir Path dir) throws Exception {
        KAFKA.createTopic("lines", 2);
        KAFKA.createTopic("topic-counts", 1);
        String[] args = {"--source", "kafka:lines", "--output-topic", "topic-counts", "--output-mode", "update",
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--trigger", "available-now",
                "--checkpoint", dir.resolve("cp").toString()};
        TestTopics.produce(KAFKA.bootstrapServers(), "lines", LINES.subList(0, 2));
        Jobs.runToEnd(Jobs.parse(new WordCount(), args));
        assertThat(latestCounts("topic-counts")).isEqualTo(expected(LINES.subList(0, 2)));
        int before = TestTopics.readAll(KAFKA.bootstrapServers(), "topic-counts").size();

        TestTopics.produce(KAFKA.bootstrapServers(), "lines", LINES.subList(2, 4));
        Jobs.runToEnd(Jobs.parse(new WordCount(), args));
        // update mode: the second run wrote only the words of the new line, with counts over both runs
        List<ConsumerRecord<byte[], byte[]>> all = TestTopics.readAll(KAFKA.bootstrapServers(), "topic-counts");
        assertThat(all.size() - before).isEqualTo(expected(LINES.subList(2, 4)).size());
        assertThat(latestCounts("topic-counts")).isEqualTo(expected(LINES));
    }

    /** The counts of a plain split, as the job should find them. */
    private static Map<String, Long> expected(List<String> lines) {
        Map<String, Long> out = new HashMap<>();
        for (String line : lines) {
            for (String w : line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
                if (!w.isEmpty()) {
                    out.merge(w, 1L, Long::sum);
                }
            }
        }
        return out;
    }

    private static Map<String, Long> latestCounts(String topic) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TestTopics.readAll(KAFKA.bootstrapServers(), topic)) {
            JsonNode n = JSON.readTree(r.value());
            out.merge(n.get("Word").asText(), n.get("Count").asLong(), Math::max);
        }
        return out;
    }
}
