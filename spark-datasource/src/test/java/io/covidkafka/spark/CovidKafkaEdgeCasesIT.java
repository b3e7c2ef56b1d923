package io.covidkafka.spark;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.RejectReason;
import io.covidkafka.schema.Rejection;
import io.covidkafka.schema.TypedRow;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CSV and JSON edge cases of the schema core, one per Kafka message, through every mode. The verdict for each
 * message (typed values, or reason) is the schema core's own {@link RecordParser} run on the same bytes with the
 * same options, so this checks that the reader and the connector accept and reject exactly the same records; the
 * expected reasons are also written out, so a change in the core shows up here.
 */
class CovidKafkaEdgeCasesIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .defaultPartitions(1));

    static final String DDL = "Day DATE NOT NULL, Name STRING NOT NULL, N INT, Big BIGINT, Amount DECIMAL(5,2), "
            + "Flag BOOLEAN, At TIMESTAMP";

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** JSON messages and the reason the core gives each (null: accepted). */
    static final List<Object[]> JSON = List.of(
            new Object[] {utf8("{\"Day\":\"2020-09-30\",\"Name\":\"Alberta\",\"N\":1,\"Big\":5000000000,"
                    + "\"Amount\":123.456,\"Flag\":true,\"At\":\"2020-09-30T12:00:00+02:00\"}"), null},
            new Object[] {utf8("{\"Day\":\"30-09-2020\",\"Name\":\"Qu\\u00e9bec \\\"QC\\\" 😀\",\"N\":\"42\"}"), null},
            new Object[] {utf8("{\"Name\":\"x\",\"Day\":\"2020-09-30\",\"Unknown\":{\"a\":[1,2]},\"Flag\":\"TRUE\"}"),
                    null},
            new Object[] {utf8("{\"Day\":\"2020-09-30\",\"Name\":\"x\",\"N\":1.5}"), RejectReason.TYPE_MISMATCH},
            new Object[] {utf8("{\"Day\":\"2020-09-30\",\"Name\":\"x\",\"N\":3000000000}"), RejectReason.OUT_OF_RANGE},
            new Object[] {utf8("{\"Day\":\"2020-09-30\",\"Name\":\"x\",\"Amount\":12345.6}"), RejectReason.OUT_OF_RANGE},
            new Object[] {utf8("{\"Day\":\"31-02-2020\",\"Name\":\"x\"}"), RejectReason.TYPE_MISMATCH},
            new Object[] {utf8("{\"Day\":\"2020-09-30\",\"Name\":\"N/A\"}"), RejectReason.NULL_NOT_ALLOWED},
            new Object[] {utf8("{\"Name\":\"no day\"}"), RejectReason.MISSING_FIELD},
            new Object[] {utf8("{\"Day\":\"2020-09-30\",\"Name\":\"x\"} trailing"), RejectReason.MALFORMED_RECORD},
            new Object[] {utf8("[1,2]"), RejectReason.MALFORMED_RECORD},
            new Object[] {utf8("{\"Day\":\"2020-09-30\",\"Name\":\"broken\nline\"}"), RejectReason.MALFORMED_RECORD},
            new Object[] {utf8("{\"Day\":\"2020-09-30\",\"Name\":\"x\",\"Flag\":\"yes\"}"), RejectReason.TYPE_MISMATCH},
            new Object[] {new byte[] {'{', '"', 'D', 'a', 'y', '"', ':', '"', '2', '0', '2', '0', '-', '0', '9', '-',
                    '3', '0', '"', ',', '"', 'N', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'},
                    RejectReason.MALFORMED_RECORD}, // Jackson refuses invalid UTF-8 in JSON
            new Object[] {utf8("{\"Day\":\"2020-09-30\",\"Name\":\"line end\"}\r\n"), null},
            new Object[] {null, RejectReason.MALFORMED_RECORD});

    /** CSV messages (columns in schema order) and the reason the core gives each (null: accepted). */
    static final List<Object[]> CSV = List.of(
            new Object[] {utf8("2020-09-30,Alberta,1,5000000000,123.456,true,2020-09-30 12:00:00"), null},
            new Object[] {utf8("30-09-2020,\"Nova, \"\"NS\"\"\", 7 ,,1.005,FALSE,"), null},
            new Object[] {utf8("2020-09-30,\"two\nlines\",1"), null},
            new Object[] {utf8("\uFEFF2020-09-30,BOM,N/A,null"), null},
            new Object[] {utf8("2020-09-30,CRLF,3\r\n"), null},
            new Object[] {utf8("2020-09-30,extra,1,2,3,true,2020-09-30T00:00:00Z,surplus"), null},
            new Object[] {utf8("2020-09-30,\"closed\"junk,1"), RejectReason.MALFORMED_RECORD},
            new Object[] {utf8("2020-09-30"), RejectReason.MISSING_FIELD},
            new Object[] {utf8("2020-02-30,x"), RejectReason.TYPE_MISMATCH},
            new Object[] {utf8("2020-09-30,x,9999999999"), RejectReason.OUT_OF_RANGE},
            new Object[] {utf8("2020-09-30,x,1,2,3,maybe"), RejectReason.TYPE_MISMATCH},
            new Object[] {utf8("2020-09-30,,1"), RejectReason.NULL_NOT_ALLOWED},
            new Object[] {utf8("2020-09-30,\"quoted then LF\"\n"), null},
            new Object[] {new byte[] {'2', '0', '2', '0', '-', '0', '9', '-', '3', '0', ',', (byte) 0xC3}, null},
            new Object[] {utf8("2020-09-30,\"unterminated,1"), RejectReason.MALFORMED_RECORD});

    private static String produce(String name, List<Object[]> cases) {
        String topic = TestTopics.unique(name);
        KAFKA.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (Object[] c : cases) {
                p.send(new ProducerRecord<>(topic, 0, null, (byte[]) c[0]));
            }
            p.flush();
        }
        return topic;
    }

    /** The core's verdict on one message: typed values (null if rejected) and the rejection (null if accepted). */
    record Verdict(Object[] values, Rejection rejection) {
    }

    private static List<Verdict> coreVerdicts(String format, List<Object[]> cases) {
        CovidKafkaOptions options = CovidKafkaOptions.of(Map.of("schema", DDL, "valueFormat", format));
        RecordParser parser = RecordParser.create(options.parseOptions());
        RecordSchema schema = options.schema();
        List<Verdict> out = new ArrayList<>();
        for (Object[] c : cases) {
            byte[] v = (byte[]) c[0];
            if (v == null) { // a tombstone never reaches the core: the reader rejects it itself
                out.add(new Verdict(null, new Rejection(RejectReason.MALFORMED_RECORD, null, null, null, "", -1, -1)));
                continue;
            }
            TypedRow row = new TypedRow(schema);
            // the reader's one rule on top of the core: a message is one record, one trailing line end is not data
            int len = v.length;
            len -= len > 0 && v[len - 1] == '\n' ? 1 : 0;
            len -= len > 0 && v[len - 1] == '\r' ? 1 : 0;
            Rejection r = parser.parse(v, 0, len, row);
            out.add(new Verdict(r == null ? row.values().clone() : null, r));
        }
        return out;
    }

    private DataFrameReader reader(String topic, String format) {
        return spark.read().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                .option("subscribe", topic).option("schema", DDL).option("valueFormat", format);
    }

    @Test
    void jsonEdgeCasesInEveryMode() {
        checkEveryMode("json", JSON);
    }

    @Test
    void csvEdgeCasesInEveryMode() {
        checkEveryMode("csv", CSV);
    }

    private void checkEveryMode(String format, List<Object[]> cases) {
        String topic = produce("edge-" + format, cases);
        List<Verdict> verdicts = coreVerdicts(format, cases);
        for (int i = 0; i < cases.size(); i++) {
            RejectReason expected = (RejectReason) cases.get(i)[1];
            Rejection r = verdicts.get(i).rejection();
            assertThat(r == null ? null : r.reason()).as("core verdict on %s message %d: %s", format, i, r)
                    .isEqualTo(expected);
        }

        // PERMISSIVE: one row per message, typed values or nulls plus the raw text
        List<Row> permissive = reader(topic, format).load().collectAsList();
        assertThat(permissive).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Row row = permissive.get(i);
            Verdict v = verdicts.get(i);
            int corrupt = row.size() - 1;
            if (v.values() != null) {
                assertThat(sparkValues(row, v.values().length)).as("%s message %d", format, i)
                        .containsExactly(v.values());
                assertThat(row.isNullAt(corrupt)).isTrue();
            } else {
                for (int c = 0; c < corrupt; c++) {
                    assertThat(row.isNullAt(c)).as("%s message %d column %d", format, i, c).isTrue();
                }
                byte[] raw = (byte[]) cases.get(i)[0];
                assertThat(row.isNullAt(corrupt) ? null : row.getString(corrupt))
                        .isEqualTo(raw == null ? null : new String(raw, StandardCharsets.UTF_8));
            }
        }

        // DROPMALFORMED with dead letters: exactly the accepted rows; the rejected messages, with the core's reason
        String dlq = topic + "-dlq";
        KAFKA.createTopic(dlq, 1);
        List<Row> dropped = reader(topic, format).option("mode", "DROPMALFORMED").option("deadLetterTopic", dlq)
                .load().collectAsList();
        List<Object[]> accepted = verdicts.stream().filter(v -> v.values() != null).map(Verdict::values).toList();
        assertThat(dropped).hasSize(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            assertThat(sparkValues(dropped.get(i), accepted.get(i).length)).containsExactly(accepted.get(i));
        }
        List<ConsumerRecord<byte[], byte[]>> dead = TestTopics.readAll(KAFKA.bootstrapServers(), dlq);
        List<Integer> rejectedIdx = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            if (verdicts.get(i).rejection() != null) {
                rejectedIdx.add(i);
            }
        }
        assertThat(dead).hasSize(rejectedIdx.size());
        for (int d = 0; d < dead.size(); d++) {
            int i = rejectedIdx.get(d);
            ConsumerRecord<byte[], byte[]> letter = dead.get(d);
            assertThat(letter.value()).isEqualTo((byte[]) cases.get(i)[0]);
            assertThat(TestTopics.header(letter, DeadLetters.REASON))
                    .isEqualTo(verdicts.get(i).rejection().reason().name());
            assertThat(TestTopics.header(letter, DeadLetters.FIELD)).isEqualTo(verdicts.get(i).rejection().field());
            assertThat(TestTopics.header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo(Integer.toString(i));
        }

        // FAILFAST: fails at the first rejected message, naming its offset and the core's message
        int first = rejectedIdx.get(0);
        Rejection firstRejection = verdicts.get(first).rejection();
        assertThatThrownBy(() -> reader(topic, format).option("mode", "FAILFAST").load().collectAsList())
                .hasStackTraceContaining("topic " + topic + " partition 0 offset " + first + ": ")
                .hasStackTraceContaining(first == cases.size() - 1 && cases.get(first)[0] == null
                        ? "tombstone" : firstRejection.message());
        // ... and reads the accepted prefix without complaint
        assertThat(reader(topic, format).option("mode", "FAILFAST")
                .option("endingOffsets", "{\"" + topic + "\":{\"0\":" + first + "}}").load().count())
                .isEqualTo(first);
    }

    /** A Spark row's data columns as the core's boxed types. */
    private static Object[] sparkValues(Row row, int n) {
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            Object v = row.get(i);
            if (v instanceof Date d) {
                v = d.toLocalDate();
            } else if (v instanceof Timestamp t) {
                v = t.toInstant();
            } else if (v instanceof BigDecimal b) {
                v = b.setScale(2);
            }
            out[i] = v;
        }
        return out;
    }

    @Test
    void verdictsCoverEveryReasonButRecordTooLarge() {
        List<RejectReason> seen = new ArrayList<>();
        for (Object[] c : JSON) {
            seen.add((RejectReason) c[1]);
        }
        for (Object[] c : CSV) {
            seen.add((RejectReason) c[1]);
        }
        assertThat(seen).containsAll(Arrays.stream(RejectReason.values())
                .filter(r -> r != RejectReason.RECORD_TOO_LARGE && r != RejectReason.UNKNOWN_FIELD).toList());
    }
}
