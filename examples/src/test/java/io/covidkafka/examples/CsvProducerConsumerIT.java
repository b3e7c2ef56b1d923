package io.covidkafka.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import io.covidkafka.schema.TypedRow;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV producer sends the real PHAC feed while the streaming consumer is running; the table must match it. */
class CsvProducerConsumerIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void consumerTableMatchesTheFeedTheProducerSent(@TempDir Path dir) throws Exception {
        KAFKA.createTopic("covid", 2);
        KAFKA.createTopic("province-table", 1);
        StreamingConsumer consumer = Jobs.parse(new StreamingConsumer(), "--bootstrap-servers",
                KAFKA.bootstrapServers(), "--output-topic", "province-table", "--trigger", "processing-time:500ms",
                "--checkpoint", dir.resolve("cp").toString());
        StreamingQuery query = consumer.start(TestSpark.session());
        CsvProducer producer = Jobs.parse(new CsvProducer(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--file", SharedData.file(SharedData.PHAC).toString(), "--rows-per-second", "2000");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        producer.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try {
            assertThat(producer.call()).isZero();
            query.processAllAvailable();
        } finally {
            query.stop();
        }

        List<TypedRow> rows = PhacFeed.rows();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("sent " + rows.size() + " rows to covid, rejected " + producer.rejected);
        List<ConsumerRecord<byte[], byte[]>> sent = TestTopics.readAll(KAFKA.bootstrapServers(), "covid");
        assertThat(sent).hasSize(rows.size());

        Map<String, String> expected = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, TypedRow> latest = new HashMap<>();
        for (TypedRow r : rows) {
            String p = (String) r.get(PhacFeed.PROVINCE);
            counts.merge(p, 1, Integer::sum);
            latest.merge(p, r, (a, b) -> ((LocalDate) a.get(PhacFeed.DATE)).isAfter((LocalDate) b.get(PhacFeed.DATE))
                    ? a : b);
        }
        latest.forEach((p, r) -> expected.put(p, counts.get(p) + " " + r.get(PhacFeed.DATE) + " "
                + r.get(PhacFeed.CONFIRMED) + " " + r.get(PhacFeed.DEATHS)));

        Map<String, String> table = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> rec : TestTopics.readAll(KAFKA.bootstrapServers(), "province-table")) {
            JsonNode n = JSON.readTree(rec.value()); // same key, same partition: the last one is the newest
            table.put(n.get("Province").asText(), n.get("Rows").asLong() + " " + n.get("LastDate").asText() + " "
                    + n.get("Confirmed").asText() + " " + n.get("Deaths").asText());
        }
        assertThat(table).isEqualTo(expected);
    }

    @Test
    void newRowsAfterADaySentInDateOrder() throws Exception {
        KAFKA.createTopic("new-rows", 1);
        CsvProducer producer = Jobs.parse(new CsvProducer(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--topic", "new-rows", "--file", SharedData.file(CCODWG).toString(), "--mapping", CCODWG_MAPPING,
                "--after", "2020-06-15", "--in-date-order");
        producer.out = new PrintStream(PrintStream.nullOutputStream());
        assertThat(producer.call()).isZero();
        long expected;
        try (var lines = java.nio.file.Files.lines(SharedData.file(CCODWG))) {
            expected = lines.skip(1).map(l -> LocalDate.parse(l.split(",")[1].replace("\"", ""),
                    java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy")))
                    .filter(d -> d.isAfter(LocalDate.of(2020, 6, 15))).count();
        }
        assertThat(producer.rejected).isZero();
        List<ConsumerRecord<byte[], byte[]>> sent = TestTopics.readAll(KAFKA.bootstrapServers(), "new-rows");
        assertThat(sent).hasSize((int) expected);
        List<LocalDate> dates = new java.util.ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : sent) {
            dates.add(LocalDate.parse(JSON.readTree(r.value()).get("Date").asText()));
        }
        assertThat(dates).isSorted().allMatch(d -> d.isAfter(LocalDate.of(2020, 6, 15)));
    }

    /** The docker stack's producer sends this feed with this mapping (kept equal by DockerComposeTest). */
    static final String CCODWG = "covid/canada/ccodwg_cases_timeseries_prov.csv";
    static final String CCODWG_MAPPING = "province:Province,date_report:Date,cumulative_cases:Confirmed,"
            + "cases:NumberToday";
}
