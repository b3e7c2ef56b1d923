package io.covidkafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk faults under the connector (tests run as root here, so permission bits do not stop reads: a file that
 * fails mid-read is a gzip file cut half-way, and an unwritable finished.path is a directory replaced by a plain
 * file). The task must say clearly what failed and never move a file whose records are not committed.
 */
class DiskFaultsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .brokerProperties(Workers.brokerSettings()));

    static InProcessWorker worker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startWorker() {
        NoExit.install();
        worker = InProcessWorker.start(Workers.distributed(KAFKA.bootstrapServers(), "disk", 0, true));
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private Map<String, String> movingConnector(String topic, Path in, Path done) {
        Map<String, String> c = Workers.connector(topic, in.toString());
        c.put("exactly.once.support", "required");
        c.put("transaction.boundary", "connector");
        c.put("transaction.per", "file");
        c.put("cleanup.policy", "move");
        c.put("finished.path", done.toString());
        return c;
    }

    @Test
    void aFileThatFailsMidReadIsReportedAndNeverMoved() throws Exception {
        Results.Scenario result = Results.scenario("faults", "connector: file failing mid-read (truncated gzip)");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path done = Files.createDirectories(tmp.resolve("done"));
        byte[] gz = gzip(Feeds.csv(0, 20_000));
        // cut half-way, as by an interrupted copy: decompression fails with an I/O error mid-file
        Path broken = Feeds.write(in.resolve("a-broken.csv.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Feeds.write(in.resolve("b-good.csv"), Feeds.csv(100_000, 101_000));
        KAFKA.createTopic("disk-read", 1);
        try (LogCapture logs = new LogCapture();
             TopicTail tail = new TopicTail(KAFKA.bootstrapServers(), "disk-read", 1)) {
            worker.rest().putConnector("disk-read", movingConnector("disk-read", in, done));
            ConnectRest.await(Duration.ofSeconds(60), "the good file moved", () -> Files.exists(done.resolve("b-good.csv")));
            ConnectRest.await(Duration.ofSeconds(30), "an error naming the broken file",
                    () -> !logs.matching(broken.toString()).stream().filter(l -> l.startsWith("ERROR")).toList().isEmpty());
            Thread.sleep(1_500); // a few more scans: the broken file is retried, never moved
            assertThat(broken).as("a file whose read failed stays in place").exists();
            assertThat(done.resolve("a-broken.csv.gz")).doesNotExist();
            assertThat(TaskMetricsReader.get("disk-read", 0, "FilesFailed")).isPositive();
            worker.rest().awaitTask("disk-read", "RUNNING", Duration.ofSeconds(5));
            List<Long> ids = tail.ids();
            assertThat(ids.stream().filter(id -> id >= 100_000).count()).as("good file rows").isEqualTo(1_000);
            List<Long> fromBroken = ids.stream().filter(id -> id < 100_000).toList();
            assertThat(fromBroken).as("rows read before the corruption: each once, in order").doesNotHaveDuplicates()
                    .isSorted();
            String error = logs.matching(broken.toString()).stream().filter(l -> l.startsWith("ERROR")).findFirst()
                    .orElseThrow();
            worker.rest().deleteConnector("disk-read");
            result.faults(1).inputs(21_000).rowsExpected(1_000 + fromBroken.size()).rowsLost(0).duplicates(0)
                    .checks("ERROR naming the file and cause (\"" + error.replaceAll(".*(Reading .*? failed).*", "$1")
                            .replace(tmp.toString(), "...") + "\"), FilesFailed metric, task RUNNING, the file "
                            + "stays in input.path, rows before the corruption once, the good file moved after commit")
                    .save();
        }
    }

    @Test
    void anUnwritableFinishedPathLeavesFilesInPlaceAfterTheirCommit() throws Exception {
        Results.Scenario result = Results.scenario("faults", "connector: finished.path not writable");
        Path in = Files.createDirectories(tmp.resolve("in2"));
        Path done = Files.createDirectories(tmp.resolve("done2"));
        KAFKA.createTopic("disk-move", 1);
        try (LogCapture logs = new LogCapture();
             TopicTail tail = new TopicTail(KAFKA.bootstrapServers(), "disk-move", 1)) {
            worker.rest().putConnector("disk-move", movingConnector("disk-move", in, done));
            worker.rest().awaitTask("disk-move", "RUNNING", Duration.ofSeconds(60));
            Files.delete(done);
            Files.writeString(done, "not a directory any more");
            Path file = Feeds.write(in.resolve("rows.csv"), Feeds.csv(0, 3_000));
            tail.awaitCount(3_000, Duration.ofSeconds(60));
            ConnectRest.await(Duration.ofSeconds(30), "a message naming the file that could not be moved",
                    () -> !logs.matching("rows.csv").stream().filter(l -> l.contains("failed")).toList().isEmpty());
            Thread.sleep(1_500); // more scans: the file must not be read again
            assertThat(file).as("the file stays in input.path").exists();
            Topics.Delivery d = tail.delivery(0, 3_000);
            assertThat(d.exactlyOnce()).as(d.toString()).isTrue();
            worker.rest().awaitTask("disk-move", "RUNNING", Duration.ofSeconds(5));
            String message = logs.matching("rows.csv").stream().filter(l -> l.contains("failed")).findFirst().orElseThrow();
            worker.rest().deleteConnector("disk-move");
            result.faults(1).inputs(3_000).rowsExpected(3_000).rowsLost(0).duplicates(0)
                    .checks("the move fails after the file's transaction committed: logged (\""
                            + message.replace(tmp.toString(), "...").replaceAll("\\s+\\|.*", "") + "\"), the file "
                            + "stays, is not read again, rows exactly once, task RUNNING")
                    .save();
        }
    }
}
