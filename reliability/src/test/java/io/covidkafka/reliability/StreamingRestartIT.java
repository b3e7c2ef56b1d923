package io.covidkafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A covid-kafka to covid-kafka streaming query stopped abruptly during batches and between them, its last
 * commit-log entry deleted once, restarted from its checkpoint each time. No input row may be lost; the sink is
 * at-least-once (tasks flush before they commit, nothing is rolled back), so a row may appear twice only if it
 * belongs to a batch that ran again: one whose offsets were logged but whose commit was not when the query
 * restarted.
 */
class StreamingRestartIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    @TempDir
    Path tmp;

    static {
        NoExit.install();
    }

    private enum Stop { DURING_BATCH, BETWEEN_BATCHES, DELETE_LAST_COMMIT }

    /** The input offsets [from, to) of a batch that ran again after a restart. */
    private record Rerun(long batch, long from, long to) {
    }

    @Test
    void stoppedDuringAndBetweenBatchesAndWithADeletedCommitNothingIsLost() throws Exception {
        int rows = Soak.pick(12_000, 200_000);
        int cycles = Soak.pick(10, 60);
        Results.Scenario result = Results.scenario("faults", "streaming query stopped mid-batch, between batches, "
                + "last commit deleted; restarted from checkpoint");
        KAFKA.createTopic("in", 1);
        KAFKA.createTopic("out", 1);
        List<byte[]> values = new ArrayList<>(rows);
        for (long i = 0; i < rows; i++) {
            values.add(("{\"Date\":\"2020-09-30\",\"Province\":\"P" + (i % 13) + "\",\"Confirmed\":" + i + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Topics.produce(KAFKA.bootstrapServers(), "in", values); // one partition: offset = id
        Path checkpoint = tmp.resolve("cp");
        SparkSession spark = TestSpark.session();
        List<Rerun> reruns = new ArrayList<>();
        Map<Stop, Integer> done = new HashMap<>();
        try (TopicTail out = new TopicTail(KAFKA.bootstrapServers(), "out", 1)) {
            for (int cycle = 0; cycle < cycles; cycle++) {
                Stop how = cycle % 5 == 4 ? Stop.DELETE_LAST_COMMIT : cycle % 2 == 0 ? Stop.DURING_BATCH : Stop.BETWEEN_BATCHES;
                reruns.addAll(pendingBatches(checkpoint));
                StreamingQuery q = start(spark, checkpoint, Trigger.ProcessingTime(250));
                long firstBatch = q.lastProgress() == null ? -1 : q.lastProgress().batchId();
                ConnectRest.await(Duration.ofSeconds(60), "a batch to complete",
                        () -> q.lastProgress() != null && q.lastProgress().batchId() > firstBatch + 1);
                boolean wanted = how == Stop.DURING_BATCH;
                ConnectRest.await(Duration.ofSeconds(30), "trigger active = " + wanted,
                        () -> q.status().isTriggerActive() == wanted || !q.isActive());
                q.stop();
                if (how == Stop.DELETE_LAST_COMMIT) {
                    deleteLastCommit(checkpoint);
                }
                done.merge(how, 1, Integer::sum);
            }
            reruns.addAll(pendingBatches(checkpoint));
            StreamingQuery last = start(spark, checkpoint, Trigger.AvailableNow());
            assertThat(last.awaitTermination(180_000)).isTrue();
            assertThat(last.exception().isEmpty()).isTrue();
            out.awaitCount(rows, Duration.ofSeconds(60));
            Thread.sleep(1_000);

            Topics.Delivery d = out.delivery(0, rows);
            assertThat(d.missing()).as("input rows lost: " + d).isEmpty();
            List<Long> unexplained = d.extra().keySet().stream()
                    .filter(id -> reruns.stream().noneMatch(r -> id >= r.from() && id < r.to())).toList();
            assertThat(unexplained).as("duplicates outside every re-run batch " + reruns).isEmpty();
            assertThat(done.get(Stop.DURING_BATCH)).isPositive();
            result.faults(cycles).inputs(rows).rowsExpected(rows).rowsLost(0).duplicates(d.duplicates())
                    .checks("every input row in the output topic; each duplicate lies in a batch that ran again "
                            + "(offsets logged, commit missing at restart) - the at-least-once sink's promise")
                    .figure("stops", done.toString())
                    .figure("rerunBatches", reruns.size())
                    .save();
        }
    }

    private static StreamingQuery start(SparkSession spark, Path checkpoint, Trigger trigger) throws Exception {
        return spark.readStream().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", "in").option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", "400")
                .option("mode", "FAILFAST").load()
                .writeStream().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", "out").option("checkpointLocation", checkpoint.toString()).trigger(trigger).start();
    }

    /** Batches whose offsets are logged without a commit: the next start runs them again. */
    private static List<Rerun> pendingBatches(Path checkpoint) throws IOException {
        List<Rerun> out = new ArrayList<>();
        Path offsets = checkpoint.resolve("offsets");
        if (!Files.isDirectory(offsets)) {
            return out;
        }
        for (long batch : batchIds(offsets)) {
            if (!Files.exists(checkpoint.resolve("commits").resolve(Long.toString(batch)))) {
                long to = endOffset(offsets, batch);
                long from = batch == 0 ? 0 : endOffset(offsets, batch - 1);
                out.add(new Rerun(batch, from, to));
            }
        }
        return out;
    }

    private static List<Long> batchIds(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .map(Long::parseLong).sorted().toList();
        }
    }

    /** The end offset of partition 0 of topic "in" in a batch's offset log entry. */
    private static long endOffset(Path offsets, long batch) throws IOException {
        List<String> lines = Files.readAllLines(offsets.resolve(Long.toString(batch)), StandardCharsets.UTF_8);
        return Topics.JSON.readTree(lines.get(lines.size() - 1)).path("in").path("0").asLong();
    }

    private static void deleteLastCommit(Path checkpoint) throws IOException {
        Path commits = checkpoint.resolve("commits");
        List<Long> ids = batchIds(commits);
        long last = ids.get(ids.size() - 1);
        Files.delete(commits.resolve(Long.toString(last)));
        Files.deleteIfExists(commits.resolve("." + last + ".crc"));
    }
}
