package io.covidkafka.spark;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Structured Streaming with {@code format("covid-kafka")} as source and sink, every trigger kind. */
class CovidKafkaStreamingIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .defaultPartitions(2));

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    static String record(String date, String province, long confirmed) {
        return "{\"Date\":\"" + date + "\",\"Province\":\"" + province + "\",\"Confirmed\":" + confirmed + "}";
    }

    private DataStreamReader source(String topic) {
        return spark.readStream().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", topic).option("startingOffsets", "earliest");
    }

    @Test
    void availableNowAndOnceRestartFromCheckpointWithoutLossOrDuplicates(@TempDir Path dir) throws Exception {
        String topic = TestTopics.unique("restart");
        KAFKA.createTopic(topic, 1);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            first.add(record("2020-09-" + (10 + i), "Alberta", i));
        }
        first.add("{broken");
        TestTopics.produce(KAFKA.bootstrapServers(), topic, first);
        String out = dir.resolve("out").toString();
        String checkpoint = dir.resolve("checkpoint").toString();

        runToParquet(topic, out, checkpoint, Trigger.AvailableNow());
        assertThat(spark.read().parquet(out).count()).isEqualTo(7);

        List<String> second = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            second.add(record("2020-10-0" + (1 + i), "Yukon", 100 + i));
        }
        TestTopics.produce(KAFKA.bootstrapServers(), topic, second); // offsets 8..12 (producer keys restart at k0)
        runToParquet(topic, out, checkpoint, Trigger.Once());

        Dataset<Row> all = spark.read().parquet(out);
        List<Long> offsets = all.select("offset").as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
        assertThat(offsets).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(0, 12).filter(o -> o != 7).boxed().collect(Collectors.toList()));
        assertThat(all.agg(sum("Confirmed")).first().getLong(0)).isEqualTo(21 + 510);
    }

    private void runToParquet(String topic, String out, String checkpoint, Trigger trigger) throws Exception {
        StreamingQuery q = source(topic).option("includeMetadata", "true").option("mode", "DROPMALFORMED")
                .option("maxOffsetsPerTrigger", "3").load()
                .writeStream().format("parquet").option("path", out).option("checkpointLocation", checkpoint)
                .trigger(trigger).start();
        assertThat(q.awaitTermination(90_000)).isTrue();
        assertThat(q.exception().isEmpty()).isTrue();
    }

    @Test
    void processingTimeReportsRejectedRecordsInTheProgress() throws Exception {
        String topic = TestTopics.unique("progress");
        KAFKA.createTopic(topic, 2);
        TestTopics.produce(KAFKA.bootstrapServers(), topic,
                List.of(record("2020-09-30", "Alberta", 1), "nope", record("2020-09-30", "Yukon", 2), "{\"Date\":1}"));
        StreamingQuery q = source(topic).load().writeStream().format("memory").queryName("progress_sink")
                .trigger(Trigger.ProcessingTime(200)).start();
        try {
            q.processAllAvailable();
            assertThat(spark.sql("SELECT count(*) FROM progress_sink WHERE _corrupt_record IS NOT NULL").first()
                    .getLong(0)).isEqualTo(2);
            long rejected = 0;
            long accepted = 0;
            // a batch's progress is posted just after the batch commits: wait until all 4 rows are reported
            long deadline = System.currentTimeMillis() + 30_000;
            long reported = 0;
            while (reported < 4 && System.currentTimeMillis() < deadline) {
                reported = 0;
                for (StreamingQueryProgress p : q.recentProgress()) {
                    reported += p.numInputRows();
                    if (p.numInputRows() > 0) {
                        rejected = Long.parseLong(p.sources()[0].metrics().get(CovidKafkaMetrics.REJECTED));
                        accepted = Long.parseLong(p.sources()[0].metrics().get(CovidKafkaMetrics.ACCEPTED));
                    }
                }
                Thread.sleep(reported < 4 ? 200 : 0);
            }
            assertThat(reported).isEqualTo(4);
            assertThat(rejected).isEqualTo(2);
            assertThat(accepted).isEqualTo(2);
        } finally {
            q.stop();
        }
    }

    @Test
    void continuousTriggerFromTopicToTopic() throws Exception {
        String in = TestTopics.unique("cont-in");
        String out = TestTopics.unique("cont-out");
        KAFKA.createTopic(in, 1);
        KAFKA.createTopic(out, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), in, List.of(record("2020-09-30", "Alberta", 1), "bad"));
        StreamingQuery q = source(in).option("mode", "DROPMALFORMED").load()
                .writeStream().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", out).option("checkpointLocation", TestTopics.unique("/tmp/cont-cp"))
                .trigger(Trigger.Continuous(500)).start();
        try {
            awaitUntil(() -> TestTopics.readAll(KAFKA.bootstrapServers(), out).size() >= 1);
            TestTopics.produce(KAFKA.bootstrapServers(), in, List.of(record("2020-10-01", "Yukon", 2)));
            awaitUntil(() -> TestTopics.readAll(KAFKA.bootstrapServers(), out).size() >= 2);
        } finally {
            q.stop();
        }
        List<String> values = TestTopics.values(TestTopics.readAll(KAFKA.bootstrapServers(), out));
        assertThat(values).containsExactly(
                "{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\",\"Confirmed\":1,\"Recovered\":null,\"Deaths\":null,"
                        + "\"NumberToday\":null}",
                "{\"Date\":\"2020-10-01\",\"Province\":\"Yukon\",\"Confirmed\":2,\"Recovered\":null,\"Deaths\":null,"
                        + "\"NumberToday\":null}");
    }

    @Test
    void socketLinesBridgedIntoKafkaWithBadLinesDeadLettered() throws Exception {
        String out = TestTopics.unique("socket");
        String dlq = out + "-dlq";
        KAFKA.createTopic(out, 1);
        KAFKA.createTopic(dlq, 1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            StreamingQuery q = spark.readStream().format("socket").option("host", "127.0.0.1")
                    .option("port", server.getLocalPort()).load()
                    .writeStream().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                    .option("topic", out).option("deadLetterTopic", dlq).option("valueFormat", "csv")
                    .option("dateFormat", "dd-MM-yyyy,yyyy-MM-dd")
                    .option("checkpointLocation", TestTopics.unique("/tmp/socket-cp")).start();
            try (Socket s = accepted.get(60, TimeUnit.SECONDS);
                 Writer w = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8)) {
                w.write("30-09-2020,Alberta,18062,16213,267,153\n");
                w.write("30-09-2020,Alberta,oops,,,\n");
                w.write("01-10-2020,\"Nova Scotia\",5,N/A,,\n");
                w.flush();
                awaitUntil(() -> TestTopics.readAll(KAFKA.bootstrapServers(), out).size() >= 2
                        && TestTopics.readAll(KAFKA.bootstrapServers(), dlq).size() >= 1);
                // the sink's totals in the query progress
                // (a batch's progress is posted just after the batch commits: poll for it)
                long deadline = System.currentTimeMillis() + 30_000;
                Map<String, String> sinkMetrics = Map.of();
                while (System.currentTimeMillis() < deadline) {
                    StreamingQueryProgress last = q.lastProgress();
                    sinkMetrics = last == null ? Map.of() : last.sink().metrics();
                    if ("2".equals(sinkMetrics.get(CovidKafkaMetrics.WRITTEN))) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertThat(sinkMetrics).containsEntry(CovidKafkaMetrics.REJECTED, "1")
                        .containsEntry(CovidKafkaMetrics.WRITTEN, "2");
            } finally {
                q.stop();
            }
        }
        // canonical CSV out: dates written with the first dateFormat
        assertThat(TestTopics.values(TestTopics.readAll(KAFKA.bootstrapServers(), out))).containsExactly(
                "30-09-2020,Alberta,18062,16213,267,153", "01-10-2020,Nova Scotia,5,,,");
        List<ConsumerRecord<byte[], byte[]>> dead = TestTopics.readAll(KAFKA.bootstrapServers(), dlq);
        assertThat(TestTopics.values(dead)).containsExactly("30-09-2020,Alberta,oops,,,");
        assertThat(TestTopics.header(dead.get(0), DeadLetters.REASON)).isEqualTo("TYPE_MISMATCH");
    }

    @Test
    void rateSourceTypedColumnsIntoKafka() throws Exception {
        String out = TestTopics.unique("rate");
        KAFKA.createTopic(out, 2);
        String ddl = "At TIMESTAMP NOT NULL, N BIGINT NOT NULL";
        StreamingQuery q = spark.readStream().format("rate").option("rowsPerSecond", "50").load()
                .select(col("timestamp").as("At"), col("value").as("N"))
                .writeStream().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", out).option("schema", ddl)
                .option("checkpointLocation", TestTopics.unique("/tmp/rate-cp"))
                .trigger(Trigger.ProcessingTime(300)).start();
        try {
            awaitUntil(() -> TestTopics.readAll(KAFKA.bootstrapServers(), out).size() >= 20);
        } finally {
            q.stop();
        }
        Dataset<Row> back = spark.read().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", out).option("schema", ddl).option("mode", "FAILFAST").load();
        long n = back.count();
        assertThat(n).isGreaterThanOrEqualTo(20);
        assertThat(back.select("N").distinct().count()).isEqualTo(n); // no duplicates
    }

    @Test
    void appendUpdateAndCompleteOutputModes() throws Exception {
        String in = TestTopics.unique("modes-in");
        KAFKA.createTopic(in, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), in, List.of(record("2020-09-30", "Alberta", 1),
                record("2020-10-01", "Alberta", 2), record("2020-09-30", "Yukon", 5)));
        String totals = "Province STRING NOT NULL, Total BIGINT";
        for (String mode : List.of("complete", "update")) {
            String out = TestTopics.unique("modes-" + mode);
            KAFKA.createTopic(out, 1);
            StreamingQuery q = source(in).option("mode", "DROPMALFORMED").load()
                    .groupBy("Province").agg(sum("Confirmed").as("Total"))
                    .writeStream().outputMode(mode).format("covid-kafka")
                    .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", out)
                    .option("schema", totals).option("checkpointLocation", TestTopics.unique("/tmp/modes-cp"))
                    .trigger(Trigger.AvailableNow()).start();
            assertThat(q.awaitTermination(90_000)).isTrue();
            assertThat(TestTopics.values(TestTopics.readAll(KAFKA.bootstrapServers(), out)))
                    .as(mode).containsExactlyInAnyOrder("{\"Province\":\"Alberta\",\"Total\":3}",
                            "{\"Province\":\"Yukon\",\"Total\":5}");
        }
        String out = TestTopics.unique("modes-append");
        KAFKA.createTopic(out, 1);
        StreamingQuery q = source(in).option("mode", "DROPMALFORMED").load().where("Province = 'Yukon'")
                .writeStream().outputMode("append").format("covid-kafka")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", out)
                .option("checkpointLocation", TestTopics.unique("/tmp/modes-cp"))
                .trigger(Trigger.AvailableNow()).start();
        assertThat(q.awaitTermination(90_000)).isTrue();
        assertThat(TestTopics.values(TestTopics.readAll(KAFKA.bootstrapServers(), out))).containsExactly(
                "{\"Date\":\"2020-09-30\",\"Province\":\"Yukon\",\"Confirmed\":5,\"Recovered\":null,\"Deaths\":null,"
                        + "\"NumberToday\":null}");
    }

    @Test
    void streamingWriteWithAMismatchedSchemaFailsAtStartListingEveryProblem() throws Exception {
        String in = TestTopics.unique("mismatch-in");
        String out = TestTopics.unique("mismatch-out");
        KAFKA.createTopic(in, 1);
        KAFKA.createTopic(out, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), in, List.of(record("2020-09-30", "Alberta", 1)));
        StreamingQuery q = source(in).load()
                .selectExpr("Date", "CAST(Confirmed AS STRING) AS Confirmed", "42 AS Extra")
                .writeStream().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", out).option("checkpointLocation", TestTopics.unique("/tmp/mismatch-cp"))
                .trigger(Trigger.AvailableNow()).start();
        assertThatThrownBy(() -> q.awaitTermination(90_000))
                .isInstanceOf(StreamingQueryException.class)
                .hasRootCauseInstanceOf(AnalysisException.class)
                .hasMessageContaining("column 'Confirmed' is STRING but the schema declares BIGINT")
                .hasMessageContaining("column 'Extra' (INT) is not in the schema")
                .hasMessageContaining("required column 'Province' (STRING NOT NULL) is missing");
        assertThat(q.recentProgress()).allMatch(p -> p.numInputRows() == 0);
        assertThat(TestTopics.readAll(KAFKA.bootstrapServers(), out)).isEmpty();
    }

    static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 90 s");
            }
            Thread.sleep(300);
        }
    }
}
