package io.covidkafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Connect worker as a child JVM, killed with SIGKILL in the middle of a file again and again, then started
 * again with the same settings. Exactly-once (KIP-618, transactions per batch): read_committed sees every row of
 * the file exactly once. At-least-once: no row is lost (duplicates are the replay since the last offset flush).
 */
class SigkillConnectWorkerIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .brokerProperties(Workers.brokerSettings()));

    @TempDir
    Path tmp;

    private static Path workerDir(String name) {
        return Paths.get(System.getProperty("covidkafka.results.dir", "target/reliability-results"))
                .resolveSibling("child-workers").resolve(name);
    }

    /** What happened at each kill: rows committed when the kill came, out of the file's rows. */
    private record Kill(int round, int committedBefore, long recoveryMs) {
    }

    private List<Kill> killRepeatedly(ChildWorker worker, TopicTail tail, String connector, Map<String, String> config,
                                      int rows, int kills) {
        List<Kill> done = new ArrayList<>();
        int previous = 0;
        for (int round = 1; round <= kills; round++) {
            long began = System.nanoTime();
            worker.start();
            if (round == 1) {
                worker.rest().putConnector(connector, config);
            }
            int committedAtStart = tail.count();
            tail.awaitCount(committedAtStart + 1, Duration.ofSeconds(120));
            long recoveryMs = (System.nanoTime() - began) / 1_000_000; // process start to first new row
            // kill once a sixth of what is left has arrived: always mid-file, with the tail end shrinking
            int target = previous + Math.max(1, (rows - previous) / 6);
            tail.awaitCount(target, Duration.ofSeconds(120));
            int before = tail.count();
            worker.kill();
            assertThat(before).as("kill " + round + " came before the file was finished").isLessThan(rows);
            done.add(new Kill(round, before, recoveryMs));
            previous = before;
        }
        worker.start();
        return done;
    }

    @Test
    void exactlyOnceSurvivesTenSigkillsMidFile() throws Exception {
        int rows = Soak.pick(120_000, 1_000_000);
        int kills = Soak.pick(10, 50);
        Results.Scenario result = Results.scenario("faults", "SIGKILL Connect worker mid-file, exactly-once");
        String topic = "eos";
        KAFKA.createTopic(topic, 1);
        Feeds.write(tmp.resolve("big.csv"), Feeds.csv(0, rows));
        Map<String, String> config = Workers.connector(topic, tmp.toString());
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "connector");
        config.put("transaction.per", "batch");
        config.put("batch.size", "200");
        int port = Workers.freePort();
        try (ChildWorker worker = new ChildWorker(workerDir("eos"),
                     Workers.distributed(KAFKA.bootstrapServers(), "eos-workers", port, true));
             TopicTail tail = new TopicTail(KAFKA.bootstrapServers(), topic, 1)) {
            List<Kill> done = killRepeatedly(worker, tail, "eos", config, rows, kills);
            tail.awaitCount(rows, Duration.ofSeconds(180));
            Thread.sleep(2_000); // late duplicates would show up here
            Topics.Delivery d = tail.delivery(0, rows);
            assertThat(d.exactlyOnce()).as("read_committed delivery after " + kills + " SIGKILLs: " + d
                    + " (kills at " + done + ", worker log " + worker.log() + ")").isTrue();
            worker.stop();
            result.faults(kills).inputs(rows).rowsExpected(rows).rowsLost(d.missing().size())
                    .duplicates(d.duplicates())
                    .checks("child-JVM worker SIGKILLed mid-file (transaction per 200-row batch), restarted each "
                            + "time; read_committed: every row exactly once, missing/extra id sets empty")
                    .figure("committedAtEachKill", done.stream().map(Kill::committedBefore).toList())
                    .figure("restartToFirstRowMs", done.stream().map(Kill::recoveryMs).toList())
                    .save();
        }
    }

    @Test
    void atLeastOnceLosesNothingAcrossSigkills() throws Exception {
        int rows = Soak.pick(60_000, 500_000);
        int kills = Soak.pick(3, 20);
        Results.Scenario result = Results.scenario("faults", "SIGKILL Connect worker mid-file, at-least-once");
        String topic = "alo";
        KAFKA.createTopic(topic, 1);
        Feeds.write(tmp.resolve("big.csv"), Feeds.csv(0, rows));
        Map<String, String> config = Workers.connector(topic, tmp.toString());
        config.put("batch.size", "200");
        int port = Workers.freePort();
        try (ChildWorker worker = new ChildWorker(workerDir("alo"),
                     Workers.distributed(KAFKA.bootstrapServers(), "alo-workers", port, false));
             TopicTail tail = new TopicTail(KAFKA.bootstrapServers(), topic, 1)) {
            killRepeatedly(worker, tail, "alo", config, rows, kills);
            ConnectRest.await(Duration.ofSeconds(180), "every row of the file at least once",
                    () -> tail.delivery(0, rows).missing().isEmpty());
            Thread.sleep(1_000);
            Topics.Delivery d = tail.delivery(0, rows);
            assertThat(d.missing()).as("rows lost: " + d).isEmpty();
            worker.stop();
            result.faults(kills).inputs(rows).rowsExpected(rows).rowsLost(0).duplicates(d.duplicates())
                    .checks("child-JVM worker SIGKILLed mid-file, restarted; no id missing (duplicates are the "
                            + "rows replayed since the last offset flush, as at-least-once allows)")
                    .save();
        }
    }
}
