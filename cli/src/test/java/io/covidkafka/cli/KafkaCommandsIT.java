package io.covidkafka.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code produce} and {@code consume} against a real broker. */
class KafkaCommandsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder().defaultPartitions(2));

    private static String to(String topic) {
        return "kafka://" + KAFKA.bootstrapServers() + "/" + topic;
    }

    @Test
    void producesThePhacFeedAndConsumesItBackAsTypedRows() {
        KAFKA.createTopic("phac");
        CliRun produced = CliRun.run("produce", "--to", to("phac"), "--mapping", "phac", "--key-fields", "Province,Date",
                CliRun.shared(CliRun.PHAC));
        assertThat(produced.exit()).as(produced.err()).isZero();
        assertThat(produced.out()).contains("sent 1497 records to phac, rejected 0");

        List<ConsumerRecord<byte[], byte[]>> records = readAll(KAFKA.bootstrapServers(), "phac", 1497);
        assertThat(records).hasSize(1497);
        ConsumerRecord<byte[], byte[]> first = records.stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("Ontario,2020-01-31")).findFirst().orElseThrow();
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"Date\":\"2020-01-31\",\"Province\":\"Ontario\",\"Confirmed\":3,\"Recovered\":null,\"Deaths\":0,\"NumberToday\":3}");

        CliRun json = CliRun.run("consume", "--from", to("phac"), "--from-beginning", "--max-records", "1497", "--output", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        List<JsonNode> rows = json.jsonLines();
        assertThat(rows).hasSize(1497);
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("Province").asText()).isEqualTo("Canada");
            assertThat(r.get("Date").asText()).isEqualTo("2020-06-14");
            assertThat(r.get("Confirmed").asLong()).isEqualTo(98776);
        });
        assertThat(json.err()).contains("1497 rows, 0 records rejected");

        CliRun table = CliRun.run("consume", "--from", to("phac"), "--from-beginning", "--max-records", "5");
        assertThat(table.exit()).isZero();
        String[] lines = table.out().split("\n");
        assertThat(lines[0]).startsWith("Date").contains("Province").contains("NumberToday");
        assertThat(lines).hasSize(2 + 5);
        assertThat(lines[2]).matches("20\\d\\d-\\d\\d-\\d\\d .*");
    }

    @Test
    void rejectedRecordsAreReportedDeadLetteredAndNeverSent(@TempDir Path dir) throws Exception {
        KAFKA.createTopic("mixed");
        KAFKA.createTopic("mixed-bad");
        Path feed = dir.resolve("feed.csv");
        Files.writeString(feed, "Date,Province,Confirmed\n30-09-2020,Alberta,18062\n01-10-2020,Alberta,lots\n,Quebec,1\n");
        CliRun run = CliRun.run("produce", "--to", to("mixed"), "--dead-letter-topic", "mixed-bad", feed.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("sent 1 records to mixed, rejected 2 (to mixed-bad)");
        assertThat(run.err()).contains("feed.csv:3").contains("Confirmed").contains("lots").contains("feed.csv:4").contains("Date");
        assertThat(readAll(KAFKA.bootstrapServers(), "mixed", 1)).hasSize(1);
        List<ConsumerRecord<byte[], byte[]>> bad = readAll(KAFKA.bootstrapServers(), "mixed-bad", 2);
        assertThat(bad).hasSize(2);
        ConsumerRecord<byte[], byte[]> lots = bad.stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals("01-10-2020,Alberta,lots")).findFirst().orElseThrow();
        assertThat(header(lots, "covidkafka.error.reason")).isEqualTo("TYPE_MISMATCH");
        assertThat(header(lots, "covidkafka.error.field")).isEqualTo("Confirmed");
        assertThat(header(lots, "covidkafka.line")).isEqualTo("3");
        assertThat(bad).anySatisfy(r -> assertThat(header(r, "covidkafka.error.reason")).isEqualTo("NULL_NOT_ALLOWED"));
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void consumeReportsValuesThatDoNotFitTheSchema() {
        KAFKA.createTopic("loose");
        CliRun ok = CliRun.run("produce", "--to", to("loose"), "--schema", "Date DATE NOT NULL, Province STRING",
                CliRun.shared(CliRun.PHAC), "--mapping", "prname:Province,date:Date");
        assertThat(ok.exit()).as(ok.err()).isZero();
        CliRun strict = CliRun.run("consume", "--from", to("loose"), "--from-beginning", "--max-records", "3",
                "--schema", "Date DATE NOT NULL, Province STRING, Confirmed BIGINT NOT NULL", "--output", "json");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.err()).contains("offset").contains("Confirmed").contains("0 rows, 3 records rejected");
    }

    @Test
    void anUnreachableBrokerIsAClearErrorWithinTheTimeout() {
        long t0 = System.nanoTime();
        CliRun run = CliRun.run("produce", "--to", "kafka://127.0.0.1:9/nowhere", "--connect-timeout", "3s", CliRun.shared(CliRun.PHAC));
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:9").doesNotContain("Exception\n\tat");
        assertThat(seconds).isLessThan(20);
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int expected) {
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // a little longer: more than expected must show up as a failure, not be cut off
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        out.sort(java.util.Comparator.comparingInt(ConsumerRecord<byte[], byte[]>::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return out;
    }
}
