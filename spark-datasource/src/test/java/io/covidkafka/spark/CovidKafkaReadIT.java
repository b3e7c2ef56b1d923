package io.covidkafka.spark;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batch reads of {@code format("covid-kafka")} against a real broker: modes, dead letters, metadata, SQL. */
class CovidKafkaReadIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .defaultPartitions(2));

    static SparkSession spark;

    static final String GOOD = "{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\",\"Confirmed\":18062,"
            + "\"Recovered\":16213,\"Deaths\":267,\"NumberToday\":153}";
    static final String DAY_FIRST = "{\"Date\":\"30-09-2020\",\"Province\":\"Québec \\\"QC\\\"\",\"Confirmed\":1,"
            + "\"Recovered\":null,\"Deaths\":0,\"NumberToday\":1}";
    static final String BAD_TYPE = "{\"Date\":\"2020-09-30\",\"Province\":\"Ontario\",\"Confirmed\":\"many\"}";
    static final String TRUNCATED = "{\"Date\":\"2020-09-30\",\"Province\":\"Ont";
    static final String NULL_PROVINCE = "{\"Date\":\"2020-09-30\",\"Province\":null,\"Confirmed\":3}";
    static final List<String> MIXED = Arrays.asList(GOOD, DAY_FIRST, BAD_TYPE, TRUNCATED, NULL_PROVINCE, null);

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    private org.apache.spark.sql.DataFrameReader reader(String topic) {
        return spark.read().format("covid-kafka")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", topic);
    }

    @Test
    void permissiveKeepsBadRecordsAsNullsWithTheRawText() {
        String topic = TestTopics.unique("mixed");
        KAFKA.createTopic(topic, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, MIXED);

        Dataset<Row> df = reader(topic).load();
        assertThat(df.columns()).containsExactly("Date", "Province", "Confirmed", "Recovered", "Deaths",
                "NumberToday", "_corrupt_record");
        List<Row> rows = df.collectAsList();
        assertThat(rows).hasSize(6);
        Row good = rows.get(0);
        assertThat(good.getDate(0).toLocalDate()).isEqualTo(LocalDate.of(2020, 9, 30));
        assertThat(good.getString(1)).isEqualTo("Alberta");
        assertThat(good.getLong(2)).isEqualTo(18062L);
        assertThat(good.isNullAt(6)).isTrue();
        Row dayFirst = rows.get(1);
        assertThat(dayFirst.getDate(0).toLocalDate()).isEqualTo(LocalDate.of(2020, 9, 30));
        assertThat(dayFirst.getString(1)).isEqualTo("Québec \"QC\"");
        assertThat(dayFirst.isNullAt(3)).isTrue();
        for (int i = 2; i < 5; i++) {
            Row bad = rows.get(i);
            for (int c = 0; c < 6; c++) {
                assertThat(bad.isNullAt(c)).as("row %d col %d", i, c).isTrue();
            }
            assertThat(bad.getString(6)).isEqualTo(MIXED.get(i));
        }
        // a tombstone has no raw text: everything null
        assertThat(rows.get(5).isNullAt(6)).isTrue();
        assertThat(rows.get(5).isNullAt(0)).isTrue();
    }

    @Test
    void dropMalformedDropsAndDeadLettersWithReasonAndSource() {
        String topic = TestTopics.unique("drop");
        String dlq = topic + "-dlq";
        KAFKA.createTopic(topic, 1);
        KAFKA.createTopic(dlq, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, MIXED);

        Dataset<Row> df = reader(topic).option("mode", "DROPMALFORMED").option("deadLetterTopic", dlq).load();
        assertThat(df.columns()).doesNotContain("_corrupt_record");
        List<Row> rows = df.collectAsList();
        assertThat(rows).extracting(r -> r.getString(1)).containsExactly("Alberta", "Québec \"QC\"");

        List<ConsumerRecord<byte[], byte[]>> dead = TestTopics.readAll(KAFKA.bootstrapServers(), dlq);
        assertThat(dead).hasSize(4);
        ConsumerRecord<byte[], byte[]> badType = dead.get(0);
        assertThat(new String(badType.value(), StandardCharsets.UTF_8)).isEqualTo(BAD_TYPE);
        assertThat(new String(badType.key(), StandardCharsets.UTF_8)).isEqualTo("k2");
        assertThat(TestTopics.header(badType, DeadLetters.REASON)).isEqualTo("TYPE_MISMATCH");
        assertThat(TestTopics.header(badType, DeadLetters.FIELD)).isEqualTo("Confirmed");
        assertThat(TestTopics.header(badType, DeadLetters.ERROR)).contains("many");
        assertThat(TestTopics.header(badType, DeadLetters.SOURCE_TOPIC)).isEqualTo(topic);
        assertThat(TestTopics.header(badType, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(TestTopics.header(badType, DeadLetters.SOURCE_OFFSET)).isEqualTo("2");
        assertThat(TestTopics.header(dead.get(1), DeadLetters.REASON)).isEqualTo("MALFORMED_RECORD");
        assertThat(TestTopics.header(dead.get(2), DeadLetters.REASON)).isEqualTo("NULL_NOT_ALLOWED");
        assertThat(TestTopics.header(dead.get(2), DeadLetters.FIELD)).isEqualTo("Province");
        assertThat(dead.get(3).value()).isNull();
        assertThat(TestTopics.header(dead.get(3), DeadLetters.SOURCE_OFFSET)).isEqualTo("5");
    }

    @Test
    void failFastNamesTopicPartitionOffsetFieldAndValue() {
        String topic = TestTopics.unique("failfast");
        KAFKA.createTopic(topic, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, List.of(GOOD, BAD_TYPE));

        assertThatThrownBy(() -> reader(topic).option("mode", "FAILFAST").load().collectAsList())
                .hasStackTraceContaining("topic " + topic + " partition 0 offset 1")
                .hasStackTraceContaining("Confirmed")
                .hasStackTraceContaining("many");
    }

    @Test
    void csvValuesWithQuotesDelimitersAndCustomColumns() {
        String topic = TestTopics.unique("csv");
        KAFKA.createTopic(topic, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, List.of(
                "Alberta;30-09-2020;18062",
                "\"Nova; \"\"Scotia\"\"\";01-10-2020;N/A",
                "\"unterminated;01-10-2020;1",
                "Yukon;2020-13-01;1",
                "Yukon;01-10-2020;1;extra"));
        List<Row> rows = reader(topic).option("valueFormat", "csv").option("csvDelimiter", ";")
                .option("csvColumns", "Province,Date,Confirmed")
                .option("schema", "Province STRING NOT NULL, Date DATE NOT NULL, Confirmed BIGINT")
                .option("dateFormat", "dd-MM-yyyy").load().collectAsList();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).getString(0)).isEqualTo("Alberta");
        assertThat(rows.get(0).getLong(2)).isEqualTo(18062L);
        assertThat(rows.get(1).getString(0)).isEqualTo("Nova; \"Scotia\"");
        assertThat(rows.get(1).isNullAt(2)).isTrue();
        assertThat(rows.get(1).isNullAt(3)).isTrue();
        assertThat(rows.get(2).getString(3)).isEqualTo("\"unterminated;01-10-2020;1");
        assertThat(rows.get(3).getString(3)).isEqualTo("Yukon;2020-13-01;1");
        assertThat(rows.get(3).isNullAt(0)).isTrue();
    }

    @Test
    void realPhacFeedLinesWithFieldMapping() throws Exception {
        Path file = sharedData("covid/canada/phac_covid19_2020-06-15.csv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String header = lines.get(0).replace("\uFEFF", "");
        List<String> body = lines.subList(1, lines.size());
        String topic = TestTopics.unique("phac");
        KAFKA.createTopic(topic, 2);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, body);

        Dataset<Row> df = reader(topic).option("valueFormat", "csv").option("csvColumns", header)
                .option("fieldMapping", "phac").option("mode", "DROPMALFORMED").load();
        df.createOrReplaceTempView("phac");
        Row r = spark.sql("SELECT count(*), max(Confirmed), count(DISTINCT Province) FROM phac").first();
        assertThat(r.getLong(0)).isEqualTo(body.size()); // every real row is valid
        assertThat(r.getLong(1)).isGreaterThan(90_000L);
        assertThat(r.getLong(2)).isGreaterThan(10L);
        Row alberta = spark.sql("SELECT Confirmed, Deaths FROM phac WHERE Province = 'Alberta' AND Date = DATE'2020-06-14'")
                .first();
        assertThat(alberta.getLong(0)).isPositive();
    }

    @Test
    void includeMetadataAddsKafkaColumns() {
        String topic = TestTopics.unique("meta");
        KAFKA.createTopic(topic, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, List.of(GOOD, BAD_TYPE));
        Dataset<Row> df = reader(topic).option("includeMetadata", "true").load();
        assertThat(df.columns()).endsWith("_corrupt_record", "topic", "partition", "offset", "timestamp", "key");
        List<Row> rows = df.orderBy("offset").collectAsList();
        assertThat(rows.get(1).<String>getAs("topic")).isEqualTo(topic);
        assertThat(rows.get(1).<Long>getAs("offset")).isEqualTo(1L);
        assertThat(rows.get(1).<String>getAs("key")).isEqualTo("k1");
        assertThat(rows.get(1).<Integer>getAs("partition")).isZero();
        assertThat(rows.get(1).<java.sql.Timestamp>getAs("timestamp")).isNotNull();
    }

    @Test
    void badDdlFailsOnTheDriverBeforeAnyRead() {
        assertThatThrownBy(() -> reader("never-created").option("schema", "Date DATTE, Province STRING").load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATTE");
    }

    @Test
    void userSchemaAndRejectedMetric() {
        String topic = TestTopics.unique("userschema");
        KAFKA.createTopic(topic, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, List.of(GOOD, BAD_TYPE));
        Dataset<Row> df = reader(topic).schema("Province STRING, Confirmed BIGINT").load();
        assertThat(df.columns()).containsExactly("Province", "Confirmed", "_corrupt_record");
        assertThat(df.where("_corrupt_record IS NULL").count()).isEqualTo(1);
    }

    @Test
    void sqlCreateTableThenSelect() {
        String topic = TestTopics.unique("sql");
        KAFKA.createTopic(topic, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, List.of(GOOD, DAY_FIRST, BAD_TYPE));
        spark.sql("CREATE TABLE cases_sql USING `covid-kafka` OPTIONS ("
                + "`kafka.bootstrap.servers` '" + KAFKA.bootstrapServers() + "', subscribe '" + topic + "', "
                + "mode 'DROPMALFORMED')");
        try {
            Row r = spark.sql("SELECT count(*), sum(Confirmed) FROM cases_sql").first();
            assertThat(r.getLong(0)).isEqualTo(2);
            assertThat(r.getLong(1)).isEqualTo(18063L);
        } finally {
            spark.sql("DROP TABLE IF EXISTS cases_sql");
        }
    }

    @Test
    void sqlCreateTableWithDeclaredColumnsThenSelect() {
        String topic = TestTopics.unique("sqlcols");
        KAFKA.createTopic(topic, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, List.of(GOOD, DAY_FIRST, BAD_TYPE));
        spark.sql("CREATE TABLE cases_cols (Province STRING NOT NULL, Confirmed BIGINT, bad STRING) "
                + "USING `covid-kafka` OPTIONS (`kafka.bootstrap.servers` '" + KAFKA.bootstrapServers() + "', "
                + "subscribe '" + topic + "', columnNameOfCorruptRecord 'bad')");
        try {
            List<Row> rows = spark.sql("SELECT Province, Confirmed, bad FROM cases_cols ORDER BY Confirmed")
                    .collectAsList();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).isNullAt(0)).isTrue();
            assertThat(rows.get(0).getString(2)).isEqualTo(BAD_TYPE);
            assertThat(rows.get(1).getString(0)).isEqualTo("Québec \"QC\"");
            assertThat(rows.get(2).getLong(1)).isEqualTo(18062L);
            assertThat(rows.get(2).isNullAt(2)).isTrue();
        } finally {
            spark.sql("DROP TABLE IF EXISTS cases_cols");
        }
    }

    @Test
    void structTypeSchemaWithItsOwnCorruptRecordColumn() {
        String topic = TestTopics.unique("structtype");
        KAFKA.createTopic(topic, 1);
        TestTopics.produce(KAFKA.bootstrapServers(), topic, List.of(GOOD, NULL_PROVINCE));
        StructType schema = new StructType()
                .add("Province", DataTypes.StringType, false)
                .add("Deaths", DataTypes.LongType)
                .add("Date", DataTypes.DateType, false)
                .add("why", DataTypes.StringType); // named by columnNameOfCorruptRecord: filled by the source
        Dataset<Row> df = reader(topic).schema(schema).option("columnNameOfCorruptRecord", "why").load();
        assertThat(df.columns()).containsExactly("Province", "Deaths", "Date", "why");
        List<Row> rows = df.collectAsList();
        assertThat(rows.get(0).getString(0)).isEqualTo("Alberta");
        assertThat(rows.get(0).getLong(1)).isEqualTo(267L);
        assertThat(rows.get(0).isNullAt(3)).isTrue();
        // Province is NOT NULL in the StructType: the record with a null Province is rejected, as with the DDL option
        assertThat(rows.get(1).isNullAt(0)).isTrue();
        assertThat(rows.get(1).getString(3)).isEqualTo(NULL_PROVINCE);
    }

    static Path sharedData(String relative) {
        String configured = System.getProperty("covidkafka.shared.data");
        Path root = configured != null ? Paths.get(configured) : Paths.get("../../shared/data");
        return root.resolve(relative);
    }

}
