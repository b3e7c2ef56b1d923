package io.covidkafka.spark;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The options of Spark's own {@code kafka} format work unchanged on {@code covid-kafka}: each test runs the same
 * options through both formats and compares what Kafka-level behaviour they show (which records, which batches,
 * which checkpointed offsets).
 */
class CovidKafkaOptionsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .defaultPartitions(2));

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    static List<String> records(String province, int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> CovidKafkaStreamingIT.record("2020-09-30",
                province, i)).collect(Collectors.toList());
    }

    private Dataset<Row> read(String format, Map<String, String> options) {
        return spark.read().format(format).option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .options(options).load();
    }

    /** (partition, offset) pairs of a read, sorted. */
    private static List<String> positions(Dataset<Row> df) {
        return df.selectExpr("concat(partition, ':', offset) AS p").orderBy("p").as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    @Test
    void assignWithStartingAndEndingOffsetsJsonReadsTheSameRecordsAsKafka() {
        String topic = TestTopics.unique("assign");
        KAFKA.createTopic(topic, 2);
        TestTopics.produceTo(KAFKA.bootstrapServers(), topic, 0, records("Alberta", 0, 4));
        TestTopics.produceTo(KAFKA.bootstrapServers(), topic, 1, records("Yukon", 0, 4));
        Map<String, String> options = Map.of("assign", "{\"" + topic + "\":[1]}",
                "startingOffsets", "{\"" + topic + "\":{\"1\":1}}",
                "endingOffsets", "{\"" + topic + "\":{\"1\":3}}");

        Dataset<Row> ours = spark.read().format("covid-kafka").option("kafka.bootstrap.servers",
                KAFKA.bootstrapServers()).options(options).option("includeMetadata", "true").load();
        assertThat(positions(ours)).containsExactly("1:1", "1:2")
                .isEqualTo(positions(read("kafka", options)));
        assertThat(ours.select("Confirmed").as(org.apache.spark.sql.Encoders.LONG()).collectAsList())
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void subscribePatternAndMinPartitions() {
        String prefix = TestTopics.unique("pattern");
        KAFKA.createTopic(prefix + "-a", 1);
        KAFKA.createTopic(prefix + "-b", 1);
        KAFKA.createTopic(prefix + "x-other", 1);
        TestTopics.produce(KAFKA.bootstrapServers(), prefix + "-a", records("Alberta", 0, 3));
        TestTopics.produce(KAFKA.bootstrapServers(), prefix + "-b", records("Yukon", 0, 5));
        TestTopics.produce(KAFKA.bootstrapServers(), prefix + "x-other", records("Nunavut", 0, 7));
        Map<String, String> options = Map.of("subscribePattern", prefix + "-.*", "minPartitions", "4");

        Dataset<Row> ours = read("covid-kafka", options);
        Dataset<Row> kafka = read("kafka", options);
        assertThat(ours.count()).isEqualTo(8).isEqualTo(kafka.count());
        // minPartitions splits the two topic-partitions into at least 4 Spark partitions, as kafka does
        assertThat(ours.rdd().getNumPartitions()).isGreaterThanOrEqualTo(4)
                .isEqualTo(kafka.rdd().getNumPartitions());
    }

    @Test
    void failOnDataLossAsKafka() throws Exception {
        String topic = TestTopics.unique("dataloss");
        KAFKA.createTopic(topic, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, records("Alberta", 0, 5));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(2))).all().get();
        }
        Map<String, String> from0 = Map.of("subscribe", topic, "startingOffsets", "{\"" + topic + "\":{\"0\":0}}");
        assertThatThrownBy(() -> read("kafka", from0).count()).hasStackTraceContaining("Some data may have been lost");
        assertThatThrownBy(() -> read("covid-kafka", from0).count()).hasStackTraceContaining("Some data may have been lost");
        Map<String, String> lenient = Map.of("subscribe", topic, "startingOffsets", "{\"" + topic + "\":{\"0\":0}}",
                "failOnDataLoss", "false");
        assertThat(read("covid-kafka", lenient).count()).isEqualTo(3).isEqualTo(read("kafka", lenient).count());
    }

    @Test
    void kafkaPrefixedOptionsReachTheConsumer() throws Exception {
        String topic = TestTopics.unique("isolation");
        KAFKA.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-tx",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, records("Aborted", 0, 1).get(0).getBytes(StandardCharsets.UTF_8)));
            p.flush();
            p.abortTransaction();
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, records("Committed", 0, 1).get(0).getBytes(StandardCharsets.UTF_8)));
            p.commitTransaction();
        }
        // read_uncommitted (Kafka's default) sees the aborted record too; kafka.isolation.level reaches the consumer
        assertThat(read("covid-kafka", Map.of("subscribe", topic)).select("Province").as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactly("Aborted", "Committed");
        assertThat(read("covid-kafka", Map.of("subscribe", topic, "kafka.isolation.level", "read_committed"))
                .select("Province").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactly("Committed");
    }

    @Test
    void maxOffsetsPerTriggerBatchesAndCheckpointedOffsetsAreKafkas(@TempDir Path dir) throws Exception {
        String topic = TestTopics.unique("ratelimit");
        KAFKA.createTopic(topic, 2);
        TestTopics.produceTo(KAFKA.bootstrapServers(), topic, 0, records("Alberta", 0, 6));
        TestTopics.produceTo(KAFKA.bootstrapServers(), topic, 1, records("Yukon", 0, 4));

        List<Long> kafkaBatches = runAvailableNow("kafka", topic, dir.resolve("kafka-cp"));
        List<Long> ourBatches = runAvailableNow("covid-kafka", topic, dir.resolve("ours-cp"));
        assertThat(ourBatches).isEqualTo(kafkaBatches);
        assertThat(ourBatches).allMatch(n -> n <= 4).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ourBatches.stream().mapToLong(Long::longValue).sum()).isEqualTo(10);
        // the offset log holds exactly what Spark's kafka source writes: versioned JSON, same per-batch offsets
        List<String> ourOffsets = offsetLog(dir.resolve("ours-cp"));
        assertThat(ourOffsets).isEqualTo(offsetLog(dir.resolve("kafka-cp")));
        assertThat(ourOffsets.get(ourOffsets.size() - 1)).isEqualTo(
                "v1|{\"" + topic + "\":{\"1\":4,\"0\":6}}");

        // ... so a query started on format("kafka") resumes on format("covid-kafka") from its checkpoint
        TestTopics.produceTo(KAFKA.bootstrapServers(), topic, 1, records("Nunavut", 0, 3));
        List<Long> resumed = runAvailableNow("covid-kafka", topic, dir.resolve("kafka-cp"));
        assertThat(resumed.stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    }

    private List<Long> runAvailableNow(String format, String topic, Path checkpoint) throws Exception {
        StreamingQuery q = spark.readStream().format(format).option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", topic).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", "4")
                .load().writeStream().format("noop").option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.AvailableNow()).start();
        assertThat(q.awaitTermination(90_000)).isTrue();
        assertThat(q.exception().isEmpty()).isTrue();
        List<Long> out = new ArrayList<>();
        for (StreamingQueryProgress p : q.recentProgress()) {
            if (p.numInputRows() > 0) {
                out.add(p.numInputRows());
            }
        }
        return out;
    }

    /** Each offset-log file as "version|source offsets" (the batch metadata line has timestamps: skipped). */
    private static List<String> offsetLog(Path checkpoint) throws Exception {
        try (Stream<Path> files = Files.list(checkpoint.resolve("offsets"))) {
            List<Path> batches = files.filter(f -> f.getFileName().toString().matches("\\d+"))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString()),
                            Integer.parseInt(b.getFileName().toString()))).toList();
            List<String> out = new ArrayList<>();
            for (Path f : batches) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                out.add(lines.get(0) + "|" + lines.get(2));
            }
            return out;
        }
    }
}
