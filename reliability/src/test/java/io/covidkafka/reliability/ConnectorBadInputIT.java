package io.covidkafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.ParseOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated CSV and JSON files through the connector in a real distributed worker: every row the schema core
 * accepts reaches the topic once, every row it rejects reaches the dead-letter topic once with its reason, the
 * task keeps running, and the task's metrics add up (read = accepted + rejected).
 */
class ConnectorBadInputIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .brokerProperties(Workers.brokerSettings()));

    static InProcessWorker worker;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startWorker() {
        worker = InProcessWorker.start(Workers.distributed(KAFKA.bootstrapServers(), "bad-input", 0, false));
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void mutatedFilesLandOnceInTheTopicOrTheDeadLetterTopic() throws Exception {
        int files = Soak.pick(6, 60);
        int recordsPerFile = Soak.pick(1_500, 10_000);
        long seed = 606;
        MutatedFeeds.Verdict total = MutatedFeeds.Verdict.none();
        Results.Scenario result = Results.scenario("bad input", "connector worker: mutated CSV and JSON files");
        for (FeedFormat format : List.of(FeedFormat.CSV, FeedFormat.JSON)) {
            String name = "fuzz-" + format.name().toLowerCase();
            Path dir = Files.createDirectories(tmp.resolve(name));
            ParseOptions options = ParseOptions.builder().format(format).maxRecordBytes(64 * 1024).build();
            MutatedFeeds.Verdict expected = MutatedFeeds.Verdict.none();
            for (int f = 0; f < files; f++) {
                Mutator m = new Mutator(seed++, format == FeedFormat.JSON, 100_000, 3_000);
                byte[] content = format == FeedFormat.CSV
                        ? MutatedFeeds.feed(m, Feeds.HEADER, EdgeCases.CSV_RECORDS, recordsPerFile, false)
                        : MutatedFeeds.feed(m, null, EdgeCases.JSON_RECORDS, recordsPerFile, f % 3 == 2);
                Path file = Feeds.write(dir.resolve("f" + f + "." + format.name().toLowerCase()), content);
                expected = expected.plus(MutatedFeeds.oracle(file, options));
            }
            KAFKA.createTopic(name, 1);
            KAFKA.createTopic(name + "-dlq", 1);
            Map<String, String> c = Workers.connector(name, dir.toString());
            c.put("input.format", format.name().toLowerCase());
            c.put("max.record.bytes", "65536");
            c.put("row.errors.policy", "dlq");
            c.put("row.errors.topic", name + "-dlq");
            c.put("batch.size", "500");
            worker.rest().putConnector(name, c);

            List<ConsumerRecord<byte[], byte[]>> good = Topics.awaitCount(KAFKA.bootstrapServers(), name,
                    expected.accepted(), Duration.ofSeconds(90), 1_000);
            List<ConsumerRecord<byte[], byte[]>> bad = Topics.awaitCount(KAFKA.bootstrapServers(), name + "-dlq",
                    expected.rejected(), Duration.ofSeconds(60), 500);
            Map<String, Long> reasons = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : bad) {
                reasons.merge(Topics.header(r, "covidkafka.error.reason"), 1L, Long::sum);
            }
            assertThat(good).as(format + " accepted rows in the topic").hasSize((int) expected.accepted());
            assertThat(bad).as(format + " rejected rows in the dead-letter topic").hasSize((int) expected.rejected());
            assertThat(reasons).as(format + " rejection reasons").isEqualTo(expected.reasons());
            JsonNode status = worker.rest().awaitTask(name, "RUNNING", Duration.ofSeconds(10));
            assertThat(status.path("connector").path("state").asText()).isEqualTo("RUNNING");
            long read = TaskMetricsReader.get(name, 0, "RowsRead");
            long accepted = TaskMetricsReader.get(name, 0, "RowsAccepted");
            long rejected = TaskMetricsReader.get(name, 0, "RowsRejected");
            assertThat(read).isEqualTo(accepted + rejected).isEqualTo(expected.total());
            assertThat(TaskMetricsReader.get(name, 0, "FilesDone")).isEqualTo(files);
            worker.rest().deleteConnector(name);
            total = total.plus(expected);
        }
        result.inputs(total.total()).accepted(total.accepted()).rejected(total.rejected()).rowsLost(0)
                .duplicates(0)
                .checks("topic = core-accepted rows, dead letters = core-rejected rows with the same reasons, "
                        + "task RUNNING, JMX RowsRead = RowsAccepted + RowsRejected")
                .figure("rejectionsByReason", total.reasons())
                .save();
    }

    @Test
    void aFileWithAMalformedHeaderIsSkippedWithAnErrorWhileOtherFilesFlow() throws Exception {
        Results.Scenario result = Results.scenario("bad input", "connector worker: file with a malformed CSV header");
        Path dir = Files.createDirectories(tmp.resolve("bad-header"));
        Path broken = Feeds.write(dir.resolve("a-broken.csv"), "Date,Province,\"Confirmed\n2020-09-30,A,1\n");
        Feeds.write(dir.resolve("b-good.csv"), Feeds.csv(0, 500));
        KAFKA.createTopic("bad-header", 1);
        KAFKA.createTopic("bad-header-dlq", 1);
        Map<String, String> c = Workers.connector("bad-header", dir.toString());
        c.put("row.errors.policy", "dlq");
        c.put("row.errors.topic", "bad-header-dlq");
        worker.rest().putConnector("bad-header", c);
        List<ConsumerRecord<byte[], byte[]>> good = Topics.awaitCount(KAFKA.bootstrapServers(), "bad-header", 500,
                Duration.ofSeconds(60), 500);
        assertThat(Topics.delivery(good, 0, 500).exactlyOnce()).isTrue();
        worker.rest().awaitTask("bad-header", "RUNNING", Duration.ofSeconds(10));
        assertThat(TaskMetricsReader.get("bad-header", 0, "FilesFailed")).isPositive();
        assertThat(broken).as("a file that could not be read stays where it is").exists();
        worker.rest().deleteConnector("bad-header");
        result.inputs(2).rowsExpected(500).rowsLost(0).duplicates(0)
                .checks("the file is skipped with an ERROR naming it (FilesFailed metric), other files flow, task RUNNING")
                .save();
    }

    @Test
    void oversizedRowsAreDeadLetteredAndTheTaskGoesOn() throws Exception {
        Results.Scenario result = Results.scenario("bad input", "connector worker: row larger than the broker's message limit");
        Path dir = Files.createDirectories(tmp.resolve("oversized"));
        StringBuilder csv = new StringBuilder(Feeds.csv(0, 100));
        String huge = "x".repeat(3 << 20);
        csv.append("\r\n2020-09-30,").append(huge).append(",1,1,1,1");
        for (long i = 100; i < 200; i++) {
            csv.append("\r\n").append(Feeds.row(i));
        }
        Feeds.write(dir.resolve("big.csv"), csv.toString());
        KAFKA.createTopic("oversized", 1);
        KAFKA.createTopic("oversized-dlq", 1);
        Map<String, String> c = Workers.connector("oversized", dir.toString());
        c.put("row.errors.policy", "dlq");
        c.put("row.errors.topic", "oversized-dlq");
        worker.rest().putConnector("oversized", c);
        List<ConsumerRecord<byte[], byte[]>> good = Topics.awaitCount(KAFKA.bootstrapServers(), "oversized", 200,
                Duration.ofSeconds(60), 500);
        List<ConsumerRecord<byte[], byte[]>> bad = Topics.awaitCount(KAFKA.bootstrapServers(), "oversized-dlq", 1,
                Duration.ofSeconds(30), 500);
        JsonNode status = worker.rest().status("oversized").json();
        assertThat(status.path("tasks").get(0).path("state").asText()).as(status.toString()).isEqualTo("RUNNING");
        assertThat(Topics.delivery(good, 0, 200).exactlyOnce()).isTrue();
        assertThat(bad).hasSize(1);
        assertThat(Topics.header(bad.get(0), "covidkafka.error.reason")).isEqualTo("RECORD_TOO_LARGE");
        assertThat(Topics.header(bad.get(0), "covidkafka.line")).isEqualTo("102");
        worker.rest().deleteConnector("oversized");
        result.inputs(201).rowsExpected(200).rowsLost(0).duplicates(0).accepted(200).rejected(1)
                .checks("a 3 MiB row (broker limit 1 MB) goes to the dead-letter topic as RECORD_TOO_LARGE with its "
                        + "line; the 200 other rows arrive once; task RUNNING")
                .save();
    }

    @Test
    void aRowUnderMaxRecordBytesButOverTheTopicLimitFollowsTheFrameworkErrorTolerance() throws Exception {
        Results.Scenario result = Results.scenario("bad input",
                "connector worker: row under max.record.bytes but over the topic's limit");
        Path dir = Files.createDirectories(tmp.resolve("topic-limit"));
        StringBuilder csv = new StringBuilder(Feeds.csv(0, 100));
        csv.append("\r\n2020-09-30,").append("y".repeat(300_000)).append(",1,1,1,1");
        for (long i = 100; i < 200; i++) {
            csv.append("\r\n").append(Feeds.row(i));
        }
        Feeds.write(dir.resolve("rows.csv"), csv.toString());
        for (String tolerance : List.of("none", "all")) {
            String name = "topic-limit-" + tolerance;
            KAFKA.createTopic(name, 1, Map.of("max.message.bytes", "100000"));
            Map<String, String> c = Workers.connector(name, dir.toString());
            c.put("row.errors.policy", "fail");
            c.put("errors.tolerance", tolerance);
            c.put("errors.log.enable", "true");
            worker.rest().putConnector(name, c);
            if (tolerance.equals("none")) {
                JsonNode failed = worker.rest().awaitTask(name, "FAILED", Duration.ofSeconds(60));
                assertThat(failed.path("tasks").get(0).path("trace").asText()).contains("RecordTooLargeException");
            } else {
                List<ConsumerRecord<byte[], byte[]>> got = Topics.awaitCount(KAFKA.bootstrapServers(), name, 200,
                        Duration.ofSeconds(60), 1_000);
                assertThat(Topics.delivery(got, 0, 200).exactlyOnce()).isTrue();
                worker.rest().awaitTask(name, "RUNNING", Duration.ofSeconds(5));
            }
            worker.rest().deleteConnector(name);
        }
        result.inputs(402).rowsExpected(200).rowsLost(0).duplicates(0)
                .checks("topic max.message.bytes=100000, a 300 KB row (max.record.bytes 1 MiB): the broker refuses it; "
                        + "errors.tolerance=none: task FAILED with RecordTooLargeException; errors.tolerance=all: the "
                        + "worker logs and skips it, the 200 other rows arrive once (set max.record.bytes below the "
                        + "topic limit to dead-letter such rows instead)")
                .save();
    }
}
