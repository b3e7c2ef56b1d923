package io.covidkafka.reliability;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.Rejection;
import io.covidkafka.schema.TypedRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mutated messages through {@code format("covid-kafka")}: batch reads in every mode and a streaming read count
 * exactly what the schema core says (accepted + rejected = messages), dead letters carry the core's reasons, and
 * writes of rows too large for the topic are routed by mode instead of failing the job.
 */
class SparkBadInputIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    /** The messages of one format and what the core says of each (null value = a tombstone). */
    private record Corpus(List<byte[]> messages, long accepted, long rejected, Map<String, Long> reasons,
                          long confirmedSum) {
    }

    private static Corpus corpus(FeedFormat format, int n, long seed) {
        ParseOptions options = ParseOptions.builder().format(format).csvHeader(false).build();
        RecordParser parser = RecordParser.create(options);
        TypedRow row = new TypedRow(options.schema());
        Mutator m = new Mutator(seed, format == FeedFormat.JSON, 200_000, 3_000);
        List<String> seeds = format == FeedFormat.JSON ? EdgeCases.JSON_RECORDS : EdgeCases.CSV_RECORDS;
        List<byte[]> messages = new ArrayList<>(n);
        long accepted = 0;
        long confirmed = 0;
        Map<String, Long> reasons = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (i % 997 == 0) {
                messages.add(null); // a tombstone
                reasons.merge("MALFORMED_RECORD", 1L, Long::sum);
                continue;
            }
            byte[] seed1 = seeds.get(m.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
            byte[] seed2 = seeds.get(m.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
            byte[] v = m.nextInt(3) == 0 ? seed1 : m.mutate(seed1, m.pick(), seed2);
            messages.add(v);
            Rejection r = parser.parse(v, 0, v.length, row);
            if (r == null) {
                accepted++;
                confirmed += row.get(2) == null ? 0 : (Long) row.get(2);
            } else {
                reasons.merge(r.reason().name(), 1L, Long::sum);
            }
        }
        return new Corpus(messages, accepted, n - accepted, reasons, confirmed);
    }

    @Test
    void mutatedMessagesAreCountedExactlyInEveryMode() {
        int n = Soak.pick(8_000, 200_000);
        long inputs = 0;
        long accepted = 0;
        long rejected = 0;
        Results.Scenario result = Results.scenario("bad input", "datasource read: mutated messages, every mode");
        for (FeedFormat format : List.of(FeedFormat.JSON, FeedFormat.CSV)) {
            String topic = "fuzz-" + format.name().toLowerCase();
            KAFKA.createTopic(topic, 2);
            KAFKA.createTopic(topic + "-dlq", 1);
            Corpus c = corpus(format, n, format.ordinal() + 66L);
            Topics.produce(KAFKA.bootstrapServers(), topic, c.messages());
            assertTimeoutPreemptively(Duration.ofMinutes(Soak.pick(3, 30)), () -> checkModes(topic, format, c),
                    "reading " + topic);
            inputs += n;
            accepted += c.accepted();
            rejected += c.rejected();
        }
        result.inputs(inputs).accepted(accepted).rejected(rejected).rowsLost(0).duplicates(0)
                .checks("PERMISSIVE: rows = messages, corrupt = core-rejected, sum(Confirmed) of the rest = core's; "
                        + "DROPMALFORMED: rows = core-accepted, dead letters = core-rejected with the same reasons; "
                        + "streaming progress accepted+rejected = messages; FAILFAST names the offset")
                .save();
    }

    private void checkModes(String topic, FeedFormat format, Corpus c) throws Exception {
        var reader = spark.read().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", topic).option("valueFormat", format.name().toLowerCase());
        Dataset<Row> permissive = reader.load().cache();
        assertThat(permissive.count()).isEqualTo(c.messages().size());
        long corrupt = permissive.filter(col("_corrupt_record").isNotNull().or(col("Date").isNull())).count();
        assertThat(corrupt).as("rejected in PERMISSIVE").isEqualTo(c.rejected());
        Row sum = permissive.filter(col("_corrupt_record").isNull().and(col("Date").isNotNull()))
                .agg(org.apache.spark.sql.functions.sum("Confirmed")).first();
        assertThat(sum.isNullAt(0) ? 0L : sum.getLong(0)).as("sum of Confirmed of accepted rows").isEqualTo(c.confirmedSum());
        permissive.unpersist();

        long dropped = reader.option("mode", "DROPMALFORMED").option("deadLetterTopic", topic + "-dlq").load().count();
        assertThat(dropped).isEqualTo(c.accepted());
        List<ConsumerRecord<byte[], byte[]>> dead = Topics.awaitCount(KAFKA.bootstrapServers(), topic + "-dlq",
                c.rejected(), Duration.ofSeconds(30), 300);
        Map<String, Long> reasons = new TreeMap<>();
        dead.forEach(r -> reasons.merge(Topics.header(r, "covidkafka.reason"), 1L, Long::sum));
        assertThat(reasons).isEqualTo(c.reasons());

        assertThatThrownBy(() -> reader.option("mode", "FAILFAST").load().count())
                .hasStackTraceContaining("covid-kafka FAILFAST: record rejected at topic " + topic)
                .hasStackTraceContaining("offset");

        StreamingQuery q = spark.readStream().format("covid-kafka")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("subscribe", topic)
                .option("startingOffsets", "earliest").option("valueFormat", format.name().toLowerCase())
                .option("maxOffsetsPerTrigger", "3000").load()
                .writeStream().format("noop").trigger(Trigger.AvailableNow()).start();
        try {
            assertThat(q.awaitTermination(120_000)).isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        long streamedAccepted = 0;
        long streamedRejected = 0;
        long inputRows = 0;
        for (StreamingQueryProgress p : q.recentProgress()) {
            inputRows += p.numInputRows();
        }
        StreamingQueryProgress last = q.lastProgress();
        streamedAccepted = Long.parseLong(last.sources()[0].metrics().get("acceptedRecords"));
        streamedRejected = Long.parseLong(last.sources()[0].metrics().get("rejectedRecords"));
        assertThat(streamedAccepted + streamedRejected).isEqualTo(c.messages().size());
        assertThat(streamedRejected).isEqualTo(c.rejected());
        assertThat(inputRows).isEqualTo(c.messages().size());
    }

    @Test
    void rowsTooLargeForTheTopicAreRoutedByModeOnWrite() {
        Results.Scenario result = Results.scenario("bad input", "datasource write: rows larger than the topic's limit");
        String topic = "write-oversized";
        KAFKA.createTopic(topic, 1, Map.of("max.message.bytes", "100000"));
        KAFKA.createTopic(topic + "-dlq", 1);
        StructType schema = new StructType().add("Date", DataTypes.DateType, false)
                .add("Province", DataTypes.StringType, false).add("Confirmed", DataTypes.LongType, true);
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            String province = i % 100 == 50 ? "x".repeat(300_000) : "P" + i;
            rows.add(RowFactory.create(java.sql.Date.valueOf("2020-09-30"), province, i));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(2);
        var writer = df.write().format("covid-kafka").mode("append")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", topic)
                .option("maxRecordBytes", "90000");
        assertThatThrownBy(() -> writer.option("mode", "FAILFAST").save())
                .hasStackTraceContaining("covid-kafka FAILFAST").hasStackTraceContaining("exceeds maxRecordBytes=90000");
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> writer.option("mode", "DROPMALFORMED")
                .option("deadLetterTopic", topic + "-dlq").save());
        List<ConsumerRecord<byte[], byte[]>> written = Topics.awaitCount(KAFKA.bootstrapServers(), topic, 297,
                Duration.ofSeconds(30), 300);
        List<ConsumerRecord<byte[], byte[]>> dead = Topics.awaitCount(KAFKA.bootstrapServers(), topic + "-dlq", 3,
                Duration.ofSeconds(30), 300);
        // FAILFAST may have written some rows of its tasks before failing (at-least-once, no rollback): count distinct
        long distinct = written.stream().map(r -> Topics.json(r.value()).get("Confirmed").asLong()).distinct().count();
        assertThat(distinct).isEqualTo(297);
        assertThat(dead).hasSize(3);
        assertThat(dead).allSatisfy(r -> {
            assertThat(Topics.header(r, "covidkafka.reason")).isEqualTo("RECORD_TOO_LARGE");
            assertThat(r.value().length).isLessThanOrEqualTo(16 * 1024);
        });
        result.inputs(600).rowsExpected(297).rowsLost(0).accepted(297).rejected(3)
                .checks("topic max.message.bytes=100000, three 300 KB rows: FAILFAST fails naming RECORD_TOO_LARGE; "
                        + "DROPMALFORMED writes the 297 others and dead-letters the three (16 KiB prefix)")
                .save();
    }
}
