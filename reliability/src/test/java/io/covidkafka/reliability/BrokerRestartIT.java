package io.covidkafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped and started again (same port, same data) while files keep arriving, the connector writes
 * them (exactly-once) and a streaming query copies the topic through {@code covid-kafka} into another topic. Both
 * must come back by themselves: no task restart, no query restart, nothing lost.
 */
class BrokerRestartIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .brokerProperties(Workers.brokerSettings()));

    @TempDir
    Path tmp;

    static {
        NoExit.install();
    }

    @Test
    void connectorAndStreamingQueryRideOutBrokerRestarts() throws Exception {
        int files = Soak.pick(30, 300);
        int rowsPerFile = 400;
        int restarts = Soak.pick(2, 10);
        int rows = files * rowsPerFile;
        Results.Scenario result = Results.scenario("faults", "broker stopped and restarted under load");
        Path in = Files.createDirectories(tmp.resolve("in"));
        KAFKA.createTopic("cases", 2);
        KAFKA.createTopic("cases-out", 2);
        SparkSession spark = TestSpark.session();
        try (InProcessWorker worker = InProcessWorker.start(
                     Workers.distributed(KAFKA.bootstrapServers(), "restart-workers", 0, true));
             TopicTail cases = new TopicTail(KAFKA.bootstrapServers(), "cases", 2);
             TopicTail copied = new TopicTail(KAFKA.bootstrapServers(), "cases-out", 2)) {
            Map<String, String> config = Workers.connector("cases", in.toString());
            config.put("exactly.once.support", "required");
            config.put("transaction.boundary", "connector");
            config.put("transaction.per", "file");
            config.put("value.converter", CanonicalJsonTestConverter.class.getName());
            worker.rest().putConnector("restart", config);
            worker.rest().awaitTask("restart", "RUNNING", Duration.ofSeconds(60));

            StreamingQuery q = spark.readStream().format("covid-kafka")
                    .option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                    .option("subscribe", "cases").option("startingOffsets", "earliest")
                    .option("kafka.isolation.level", "read_committed")
                    .load().drop("_corrupt_record")
                    .writeStream().format("covid-kafka").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                    .option("topic", "cases-out").option("checkpointLocation", tmp.resolve("cp").toString())
                    .trigger(Trigger.ProcessingTime(500)).start();

            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int f = 0; f < files; f++) {
                    try {
                        Feeds.write(in.resolve(String.format("part-%04d.csv", f)),
                                Feeds.csv((long) f * rowsPerFile, (long) (f + 1) * rowsPerFile));
                        Thread.sleep(150);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            for (int r = 0; r < restarts; r++) {
                Thread.sleep(2_500);
                KAFKA.broker().stop();
                Thread.sleep(4_000);
                KAFKA.broker().start();
            }
            writer.get(5, TimeUnit.MINUTES);
            cases.awaitCount(rows, Duration.ofSeconds(180));
            try {
                ConnectRest.await(Duration.ofSeconds(120), "every row copied by the streaming query",
                        () -> copied.delivery(0, rows).missing().isEmpty());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; copied " + copied.delivery(0, rows) + "; query active "
                        + q.isActive() + ", status " + q.status() + ", exception " + q.exception() + ", last progress "
                        + q.lastProgress() + "\n" + streamThreadStack(), e);
            }
            Thread.sleep(1_500);

            Topics.Delivery connected = cases.delivery(0, rows);
            assertThat(q.lastProgress().sources()[0].metrics().get("rejectedRecords")).isEqualTo("0");
            Topics.Delivery streamed = copied.delivery(0, rows);
            assertThat(connected.exactlyOnce()).as("connector topic, read_committed: " + connected).isTrue();
            assertThat(streamed.missing()).as("streamed copy: " + streamed).isEmpty();
            assertThat(q.isActive()).as("query still running without a restart").isTrue();
            assertThat(q.exception().isEmpty()).isTrue();
            JsonNode status = worker.rest().status("restart").json();
            assertThat(status.path("tasks").get(0).path("state").asText()).as(status.toString()).isEqualTo("RUNNING");
            q.stop();
            worker.rest().deleteConnector("restart");
            result.faults(restarts).inputs(rows).rowsExpected(rows).rowsLost(0).duplicates(streamed.duplicates())
                    .checks("files arriving while the broker is stopped and started; connector topic exactly once "
                            + "(read_committed), the query's output topic has every row (at-least-once sink), no "
                            + "task or query restarted by hand")
                    .figure("connectorDuplicates", connected.duplicates())
                    .save();
        }
    }

    private static String streamThreadStack() {
        StringBuilder sb = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("stream execution thread") || t.getName().startsWith("Executor task launch")) {
                sb.append(t.getName()).append('\n');
                for (StackTraceElement e : stack) {
                    sb.append("    at ").append(e).append('\n');
                }
            }
        });
        return sb.toString();
    }
}
