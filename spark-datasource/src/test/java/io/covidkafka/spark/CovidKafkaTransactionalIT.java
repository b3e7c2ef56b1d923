package io.covidkafka.spark;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code transactional=true} writes: per-task atomicity for read_committed readers, no rewrite of a replayed epoch. */
class CovidKafkaTransactionalIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .defaultPartitions(2));

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    private long count(String topic, String isolation) {
        return spark.read().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", topic).option("kafka.isolation.level", isolation).option("mode", "FAILFAST")
                .load().count();
    }

    @Test
    void aFailedTaskLeavesNothingForReadCommittedReaders() {
        String topic = TestTopics.unique("tx-fail");
        KAFKA.createTopic(topic, 1);
        Dataset<Row> good = spark.sql("SELECT DATE'2020-09-30' AS Date, concat('P', id) AS Province FROM range(2000)");
        Dataset<Row> withBadLast = good.unionAll(spark.sql(
                "SELECT DATE'2020-10-01' AS Date, CAST(NULL AS STRING) AS Province")).coalesce(1);
        assertThatThrownBy(() -> withBadLast.write().format("covid-kafka").mode("append").option("mode", "FAILFAST")
                .option("transactional", "true").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", topic).save())
                .hasStackTraceContaining("null in a NOT NULL field");
        // the 2000 good rows were sent (those the producer had already shipped are in the log, aborted) before the
        // bad one failed the task: none is visible to read_committed readers
        assertThat(count(topic, "read_committed")).isZero();

        // the same rows without the bad one commit, all of them
        good.coalesce(1).write().format("covid-kafka").mode("append").option("mode", "FAILFAST")
                .option("transactional", "true").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", topic).save();
        assertThat(count(topic, "read_committed")).isEqualTo(2000);
    }

    @Test
    void recordsAndDeadLettersCommitTogether() {
        String topic = TestTopics.unique("tx-ok");
        String dlq = topic + "-dlq";
        KAFKA.createTopic(topic, 2);
        KAFKA.createTopic(dlq, 1);
        spark.sql("SELECT DATE'2020-09-30' AS Date, IF(id % 10 = 0, NULL, concat('P', id)) AS Province "
                        + "FROM range(0, 100, 1, 3)")
                .write().format("covid-kafka").mode("append").option("mode", "DROPMALFORMED")
                .option("deadLetterTopic", dlq).option("transactional", "true")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", topic).save();
        assertThat(count(topic, "read_committed")).isEqualTo(90);
        assertThat(spark.read().format("kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", dlq).option("kafka.isolation.level", "read_committed").load().count())
                .isEqualTo(10);
    }

    @Test
    void aReplayedEpochIsNotWrittenTwiceButAtLeastOnceWritesItAgain(@TempDir Path dir) throws Exception {
        String in = TestTopics.unique("tx-in");
        KAFKA.createTopic(in, 2);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(CovidKafkaStreamingIT.record("2020-09-" + (10 + i), "P" + i, i));
        }
        TestTopics.produce(KAFKA.bootstrapServers(), in, records);

        String exactly = TestTopics.unique("tx-out");
        KAFKA.createTopic(exactly, 2);
        long replayed = crashAfterSinkCommitAndRestart(in, exactly, dir.resolve("tx-cp"), true);
        assertThat(replayed).isPositive();
        assertThat(count(exactly, "read_committed")).isEqualTo(10);

        // control: the same crash with at-least-once writes duplicates the replayed batch
        String atLeastOnce = TestTopics.unique("alo-out");
        KAFKA.createTopic(atLeastOnce, 2);
        long replayedAgain = crashAfterSinkCommitAndRestart(in, atLeastOnce, dir.resolve("alo-cp"), false);
        assertThat(count(atLeastOnce, "read_committed")).isEqualTo(10 + replayedAgain);
    }

    /**
     * Runs the query to the end, then forgets the last batch's commit-log entry (as a crash right after the sink
     * committed, before Spark logged it) and restarts: Spark replays that batch. Returns its size.
     */
    private long crashAfterSinkCommitAndRestart(String in, String out, Path checkpoint, boolean transactional)
            throws Exception {
        run(in, out, checkpoint, transactional);
        Path commits = checkpoint.resolve("commits");
        long last;
        try (Stream<Path> files = Files.list(commits)) {
            last = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .mapToLong(Long::parseLong).max().orElseThrow();
        }
        Files.delete(commits.resolve(Long.toString(last)));
        Files.deleteIfExists(commits.resolve("." + last + ".crc"));
        StreamingQuery again = run(in, out, checkpoint, transactional);
        return again.recentProgress()[0].numInputRows();
    }

    private StreamingQuery run(String in, String out, Path checkpoint, boolean transactional) throws Exception {
        StreamingQuery q = spark.readStream().format("covid-kafka")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("subscribe", in)
                .option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", "4").option("mode", "FAILFAST")
                .load()
                .writeStream().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", out).option("transactional", Boolean.toString(transactional))
                .option("checkpointLocation", checkpoint.toString()).trigger(Trigger.AvailableNow()).start();
        assertThat(q.awaitTermination(90_000)).isTrue();
        assertThat(q.exception().isEmpty()).as("%s", q.exception()).isTrue();
        return q;
    }
}
