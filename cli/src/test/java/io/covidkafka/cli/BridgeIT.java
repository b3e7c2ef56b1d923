package io.covidkafka.cli;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.TypedRow;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bridge} from Spark's rate and file sources into a real broker through {@code format("covid-kafka")}. */
class BridgeIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder().defaultPartitions(2));

    private static String to(String topic) {
        return "kafka://" + KAFKA.bootstrapServers() + "/" + topic;
    }

    @Test
    void rateSourceWritesSyntheticCovidRecordsThatTheSchemaAccepts(@TempDir Path checkpoint) {
        KAFKA.createTopic("synthetic");
        CliRun run = CliRun.run("bridge", "--from", "rate://?rowsPerSecond=200", "--to", to("synthetic"),
                "--key-columns", "Province,Date", "--checkpoint", checkpoint.toString(), "--duration", "12s", "--trigger", "2s");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("bridging rate://?rowsPerSecond=200").containsPattern("batch \\d+: \\d+ rows in");

        List<ConsumerRecord<byte[], byte[]>> records = KafkaCommandsIT.readAll(KAFKA.bootstrapServers(), "synthetic", 200);
        assertThat(records.size()).isGreaterThanOrEqualTo(200);
        RecordParser parser = RecordParser.create(ParseOptions.builder().format(io.covidkafka.schema.FeedFormat.JSON).build());
        TypedRow row = new TypedRow(io.covidkafka.schema.RecordSchema.covid());
        Set<String> provinces = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            assertThat(parser.parse(r.value(), 0, r.value().length, row)).as(new String(r.value(), StandardCharsets.UTF_8)).isNull();
            provinces.add((String) row.get(1));
            assertThat((Long) row.get(2)).isGreaterThanOrEqualTo((Long) row.get(3)); // confirmed >= recovered
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(row.get(1) + "," + row.get(0));
        }
        assertThat(provinces).hasSize(SyntheticCovidRecords.PROVINCES.length);
    }

    @Test
    void fileSourceSkipsHeadersMapsColumnsByNameAndDeadLettersBadLines(@TempDir Path tmp) throws Exception {
        KAFKA.createTopic("from-files");
        KAFKA.createTopic("from-files-bad");
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Files.copy(CliRun.sharedPath(CliRun.PHAC), inbox.resolve("a.csv"));
        Files.writeString(inbox.resolve("b.csv"), "\uFEFF" + Files.readAllLines(CliRun.sharedPath(CliRun.PHAC)).get(0) + "\r\n"
                + "48,Alberta,Alberta,15-06-2020,7530,0,151,7530,,6826,,,28,,,,,,,,\r\n"
                + "48,Alberta,Alberta,16-06-2020,many,0,151,7530,,6826,,,28,,,,,,,,\r\n");
        CliRun run = CliRun.run("bridge", "--from", inbox.toUri().toString(), "--to", to("from-files"), "--mapping", "phac",
                "--mode", "DROPMALFORMED", "--dead-letter-topic", "from-files-bad",
                "--checkpoint", tmp.resolve("cp").toString(), "--duration", "25s", "--trigger", "1s");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(KafkaCommandsIT.readAll(KAFKA.bootstrapServers(), "from-files", 1497 + 1)).hasSize(1497 + 1);
        List<ConsumerRecord<byte[], byte[]>> bad = KafkaCommandsIT.readAll(KAFKA.bootstrapServers(), "from-files-bad", 1);
        assertThat(bad).hasSize(1);
        assertThat(new String(bad.get(0).value(), StandardCharsets.UTF_8)).contains("16-06-2020,many");
    }

    @Test
    void columnsThatDoNotFitTheSchemaStopTheBridgeBeforeAnythingIsWritten(@TempDir Path checkpoint) {
        KAFKA.createTopic("mismatch");
        CliRun run = CliRun.run("bridge", "--from", "rate://?rowsPerSecond=10", "--to", to("mismatch"),
                "--schema", "Date DATE NOT NULL, Region STRING NOT NULL", "--checkpoint", checkpoint.toString(), "--duration", "20s");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("covid-kafka bridge: ").contains("Region");
        assertThat(KafkaCommandsIT.readAll(KAFKA.bootstrapServers(), "mismatch", 0)).isEmpty();
    }

    @Test
    void jsonFilesAreReadAsJsonWithNoHeaderLineDropped(@TempDir Path tmp) throws Exception {
        KAFKA.createTopic("from-json-files");
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        String first = "{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\",\"Confirmed\":18062}";
        Files.writeString(inbox.resolve("a.json"), first + "\n{\"Date\":\"2020-10-01\",\"Province\":\"Alberta\",\"Confirmed\":18215}\n");
        Files.writeString(inbox.resolve("b.json"), first + "\n");
        CliRun run = CliRun.run("bridge", "--from", inbox.toUri().toString(), "--to", to("from-json-files"),
                "--checkpoint", tmp.resolve("cp").toString(), "--duration", "20s", "--trigger", "1s");
        assertThat(run.exit()).as(run.err()).isZero();
        // the first line of each file is a record like any other (JSON has no header), the same in both files
        assertThat(KafkaCommandsIT.readAll(KAFKA.bootstrapServers(), "from-json-files", 3)).hasSize(3);
    }
}
