package io.covidkafka.spark;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batch writes of {@code format("covid-kafka")} against a real broker, read back with the same source. */
class CovidKafkaWriteIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .defaultPartitions(2));

    static final String ALL_TYPES = "Name STRING NOT NULL, Cnt INT, Big BIGINT, Ratio DOUBLE, "
            + "Amount DECIMAL(12,3), Flag BOOLEAN, Day DATE, At TIMESTAMP";

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    static List<Row> allTypeRows() {
        return List.of(
                RowFactory.create("Alberta, \"AB\"\nsecond line", 1, 5_000_000_000L, 0.25, new BigDecimal("123.456"),
                        true, Date.valueOf("2020-09-30"), Timestamp.from(Instant.parse("2020-09-30T12:34:56.123456Z"))),
                RowFactory.create("Québec ✓ 😀 \\ back", -7, -1L, -1.5e-7, new BigDecimal("-0.001"), false,
                        Date.valueOf("1999-12-31"), Timestamp.from(Instant.parse("1970-01-01T00:00:00Z"))),
                RowFactory.create("only a name", null, null, null, null, null, null, null));
    }

    private Dataset<Row> read(String topic, String ddl, String format) {
        return spark.read().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", topic).option("schema", ddl).option("valueFormat", format)
                .option("mode", "FAILFAST").load();
    }

    private void roundTrip(String format) {
        String topic = TestTopics.unique("types-" + format);
        KAFKA.createTopic(topic, 2);
        StructType schema = StructType.fromDDL(ALL_TYPES);
        Dataset<Row> df = spark.createDataFrame(allTypeRows(), schema);
        df.write().format("covid-kafka").mode("append").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", topic).option("schema", ALL_TYPES).option("valueFormat", format).save();

        List<Row> back = read(topic, ALL_TYPES, format).collectAsList();
        assertThat(back).containsExactlyInAnyOrderElementsOf(df.collectAsList());
    }

    @Test
    void roundTripEveryTypeAsJson() {
        roundTrip("json");
    }

    @Test
    void roundTripEveryTypeAsCsv() {
        roundTrip("csv");
    }

    @Test
    void jsonIsCanonicalAndKeyColumnsMakeTheKey() {
        String topic = TestTopics.unique("canonical");
        KAFKA.createTopic(topic, 1);
        Dataset<Row> df = spark.sql("SELECT DATE'2020-09-30' AS Date, 'Alberta' AS Province, 18062L AS Confirmed");
        df.write().format("covid-kafka").mode("append").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", topic).option("keyColumns", "Province,Date").save();
        List<ConsumerRecord<byte[], byte[]>> records = TestTopics.readAll(KAFKA.bootstrapServers(), topic);
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\",\"Confirmed\":18062,\"Recovered\":null,"
                        + "\"Deaths\":null,\"NumberToday\":null}");
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("Alberta,2020-09-30");
    }

    @Test
    void topicColumnRoutesRows() {
        String a = TestTopics.unique("route-a");
        String b = TestTopics.unique("route-b");
        KAFKA.createTopic(a, 1);
        KAFKA.createTopic(b, 1);
        spark.sql("SELECT DATE'2020-09-30' AS Date, 'Alberta' AS Province, '" + a + "' AS topic UNION ALL "
                        + "SELECT DATE'2020-10-01' AS Date, 'Yukon' AS Province, '" + b + "' AS topic")
                .write().format("covid-kafka").mode("append")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).save();
        assertThat(TestTopics.values(TestTopics.readAll(KAFKA.bootstrapServers(), a))).singleElement()
                .asString().contains("Alberta");
        assertThat(TestTopics.values(TestTopics.readAll(KAFKA.bootstrapServers(), b))).singleElement()
                .asString().contains("Yukon");
    }

    @Test
    void schemaMismatchListsEveryProblemBeforeWriting() {
        String topic = TestTopics.unique("mismatch");
        KAFKA.createTopic(topic, 1);
        Dataset<Row> df = spark.sql("SELECT DATE'2020-09-30' AS Date, 'many' AS Confirmed, 1 AS Deaths, 'x' AS Foo");
        assertThatThrownBy(() -> df.write().format("covid-kafka").mode("append")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", topic).save())
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("column 'Confirmed' is STRING but the schema declares BIGINT")
                .hasMessageContaining("column 'Deaths' is INT but the schema declares BIGINT")
                .hasMessageContaining("column 'Foo' (STRING) is not in the schema")
                .hasMessageContaining("required column 'Province' (STRING NOT NULL) is missing");
        assertThat(TestTopics.readAll(KAFKA.bootstrapServers(), topic)).isEmpty();
    }

    @Test
    void nullInNotNullFieldFailsFastOrGoesToTheDeadLetterTopic() {
        String topic = TestTopics.unique("notnull");
        String dlq = topic + "-dlq";
        KAFKA.createTopic(topic, 1);
        KAFKA.createTopic(dlq, 1);
        Dataset<Row> df = spark.sql("SELECT DATE'2020-09-30' AS Date, 'Alberta' AS Province UNION ALL "
                + "SELECT DATE'2020-10-01' AS Date, CAST(NULL AS STRING) AS Province").coalesce(1);

        assertThatThrownBy(() -> df.write().format("covid-kafka").mode("append").option("mode", "FAILFAST")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", topic).save())
                .hasStackTraceContaining("null in a NOT NULL field: field 'Province'");

        df.write().format("covid-kafka").mode("append").option("mode", "DROPMALFORMED").option("deadLetterTopic", dlq)
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", topic).save();
        List<String> good = TestTopics.values(TestTopics.readAll(KAFKA.bootstrapServers(), topic));
        assertThat(good.stream().filter(v -> v.contains("2020-10-01"))).isEmpty();
        assertThat(good.stream().filter(v -> v.contains("Alberta"))).isNotEmpty();
        List<ConsumerRecord<byte[], byte[]>> dead = TestTopics.readAll(KAFKA.bootstrapServers(), dlq);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"Date\":\"2020-10-01\"");
        assertThat(TestTopics.header(dead.get(0), DeadLetters.REASON)).isEqualTo("NULL_NOT_ALLOWED");
        assertThat(TestTopics.header(dead.get(0), DeadLetters.FIELD)).isEqualTo("Province");
    }

    @Test
    void rawLinesAreCheckedAndWrittenAsCanonicalTypedRecords() {
        String topic = TestTopics.unique("raw");
        String dlq = topic + "-dlq";
        KAFKA.createTopic(topic, 1);
        KAFKA.createTopic(dlq, 1);
        List<String> lines = Arrays.asList("30-09-2020,Alberta,18062,16213,267,153", "2020-10-01,\"Nova, Scotia\",5,,,",
                "2020-10-01,Yukon,lots,,,", "not,enough", "2020-10-02,\"CRLF\",1,,,\r\n");
        Dataset<Row> df = spark.createDataset(lines, Encoders.STRING()).toDF("value").coalesce(1);
        df.write().format("covid-kafka").mode("append").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", topic).option("valueFormat", "csv").option("deadLetterTopic", dlq).save();

        List<String> values = TestTopics.values(TestTopics.readAll(KAFKA.bootstrapServers(), topic));
        assertThat(values).containsExactly("2020-09-30,Alberta,18062,16213,267,153", "2020-10-01,\"Nova, Scotia\",5,,,",
                "2020-10-02,CRLF,1,,,");
        List<ConsumerRecord<byte[], byte[]>> dead = TestTopics.readAll(KAFKA.bootstrapServers(), dlq);
        assertThat(TestTopics.values(dead)).containsExactly("2020-10-01,Yukon,lots,,,", "not,enough");
        assertThat(TestTopics.header(dead.get(0), DeadLetters.FIELD)).isEqualTo("Confirmed");
    }

    @Test
    void rawBinaryValuesFromAKafkaTopicWithTheirKeysAreRevalidated() {
        // the raw topic as format("kafka") reads it (BINARY key and value), checked into a typed topic
        String raw = TestTopics.unique("raw-bin");
        String typed = TestTopics.unique("typed-bin");
        KAFKA.createTopic(raw, 1);
        KAFKA.createTopic(typed, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), raw, List.of(
                "{\"Date\":\"30-09-2020\",\"Province\":\"Alberta\",\"Confirmed\":\"18062\"}",
                "{\"Date\":\"2020-09-30\",\"Province\":\"Yukon\",\"Confirmed\":\"none\"}"));
        spark.read().format("kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", raw).load().select("key", "value")
                .write().format("covid-kafka").mode("append").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", typed).save();
        List<ConsumerRecord<byte[], byte[]>> out = TestTopics.readAll(KAFKA.bootstrapServers(), typed);
        assertThat(TestTopics.values(out)).containsExactly("{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\","
                + "\"Confirmed\":18062,\"Recovered\":null,\"Deaths\":null,\"NumberToday\":null}");
        assertThat(new String(out.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k0"); // the key column
    }

    @Test
    void headersColumnIsWrittenAndReadBackWithIncludeHeaders() {
        String topic = TestTopics.unique("headers");
        KAFKA.createTopic(topic, 1);
        spark.sql("SELECT DATE'2020-09-30' AS Date, 'Alberta' AS Province, "
                        + "array(named_struct('key', 'source', 'value', CAST('phac' AS BINARY)), "
                        + "named_struct('key', 'empty', 'value', CAST(NULL AS BINARY))) AS headers")
                .write().format("covid-kafka").mode("append")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", topic).save();

        Dataset<Row> back = spark.read().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", topic).option("includeHeaders", "true").load();
        assertThat(back.columns()).endsWith("_corrupt_record", "headers");
        assertThat(back.schema().apply("headers").dataType()).isEqualTo(spark.read().format("kafka")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("subscribe", topic)
                .option("includeHeaders", "true").load().schema().apply("headers").dataType());
        Row r = back.selectExpr("Province", "headers[0].key", "CAST(headers[0].value AS STRING)", "headers[1].key",
                "headers[1].value IS NULL", "size(headers)").first();
        assertThat(r.getString(0)).isEqualTo("Alberta");
        assertThat(r.getString(1)).isEqualTo("source");
        assertThat(r.getString(2)).isEqualTo("phac");
        assertThat(r.getString(3)).isEqualTo("empty");
        assertThat(r.getBoolean(4)).isTrue();
        assertThat(r.getInt(5)).isEqualTo(2);
    }

    @Test
    void badHeadersColumnTypeIsListedWithTheOtherMismatches() {
        Dataset<Row> df = spark.sql("SELECT DATE'2020-09-30' AS Date, 'Alberta' AS Province, 'x' AS headers, "
                + "1 AS NumberToday");
        assertThatThrownBy(() -> df.write().format("covid-kafka").mode("append")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", "never-written").save())
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("column 'headers' must be ARRAY<STRUCT<key: STRING, value: BINARY>>, is STRING")
                .hasMessageContaining("column 'NumberToday' is INT but the schema declares BIGINT");
    }

    @Test
    void overwriteAppendsAndTheDefaultModeIsRefusedBySpark() {
        String topic = TestTopics.unique("savemodes");
        KAFKA.createTopic(topic, 1);
        Dataset<Row> df = spark.sql("SELECT DATE'2020-09-30' AS Date, 'Alberta' AS Province");
        df.write().format("covid-kafka").mode("append").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", topic).save();
        df.write().format("covid-kafka").mode("overwrite").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("topic", topic).save(); // a topic cannot be truncated: appends
        assertThat(TestTopics.readAll(KAFKA.bootstrapServers(), topic)).hasSize(2);
        // Spark 3.5 itself refuses ErrorIfExists (its default) and Ignore for DataSource V2 providers
        for (String mode : List.of("errorifexists", "ignore")) {
            assertThatThrownBy(() -> df.write().format("covid-kafka").mode(mode)
                    .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("topic", topic).save())
                    .isInstanceOf(AnalysisException.class).hasMessageContaining("please use Append or Overwrite");
        }
        assertThat(TestTopics.readAll(KAFKA.bootstrapServers(), topic)).hasSize(2);
    }

    @Test
    void missingTopicIsAnErrorOnTheDriver() {
        Dataset<Row> df = spark.sql("SELECT DATE'2020-09-30' AS Date, 'Alberta' AS Province");
        assertThatThrownBy(() -> df.write().format("covid-kafka").mode("append")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).save())
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("no topic");
    }
}
