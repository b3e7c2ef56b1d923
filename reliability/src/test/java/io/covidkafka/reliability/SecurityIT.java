package io.covidkafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector and the datasource against a broker that requires SASL/SCRAM over TLS and enforces ACLs: the right
 * {@code producer.override.*} / {@code kafka.*} settings work; a wrong or missing password, or a principal without
 * WRITE on the topic, fail fast with a clear message; no password shows in logs (Kafka and Spark at INFO), in the
 * connector config the REST API returns, or in Spark's plans and progress.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

    @TempDir
    static Path tmp;

    SecureCluster cluster;
    InProcessWorker worker;
    LogCapture logs;
    Path secrets;

    @BeforeAll
    void start() throws Exception {
        NoExit.install();
        logs = new LogCapture("org.apache.kafka", "org.apache.spark", "io.covidkafka");
        cluster = new SecureCluster(tmp.resolve("tls"));
        // secrets live in a file the worker resolves with Kafka's FileConfigProvider: configs hold ${file:...}
        Properties p = new Properties();
        for (Map.Entry<String, String> e : cluster.passwords.entrySet()) {
            p.setProperty(e.getKey() + ".jaas", SecureCluster.jaas(e.getKey(), e.getValue()));
        }
        p.setProperty("wrong.jaas", SecureCluster.jaas(SecureCluster.FEEDER, "not-" + cluster.passwords.get(SecureCluster.FEEDER)));
        secrets = tmp.resolve("secrets.properties");
        try (var w = Files.newBufferedWriter(secrets)) {
            p.store(w, null);
        }
        Map<String, String> props = Workers.distributed(cluster.secureBootstrap(), "secure-workers", 0, false);
        Map<String, String> worker = cluster.client(SecureCluster.WORKER, null);
        for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
            worker.forEach((k, v) -> props.put(prefix + k, v));
        }
        props.put("connector.client.config.override.policy", "All");
        props.put("config.providers", "file");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        this.worker = InProcessWorker.start(props);
        Topics.produce(cluster.broker.bootstrapServers(), SecureCluster.READ_TOPIC, rows(0, 300));
    }

    @AfterAll
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    private static List<byte[]> rows(long from, long to) {
        List<byte[]> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(("{\"Date\":\"2020-09-30\",\"Province\":\"P\",\"Confirmed\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private Map<String, String> feedConnector(String name, String jaasKey) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Feeds.write(dir.resolve("rows.csv"), Feeds.csv(0, 500));
        Map<String, String> c = Workers.connector(SecureCluster.FEED_TOPIC, dir.toString());
        c.put("producer.override.sasl.jaas.config", "${file:" + secrets + ":" + jaasKey + "}");
        c.put("producer.override.max.block.ms", "15000");
        c.put("http.password", "${file:" + secrets + ":" + SecureCluster.WORKER + ".jaas}");
        return c;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private void assertNoPasswordIn(String where, String text) {
        for (Map.Entry<String, String> e : cluster.passwords.entrySet()) {
            assertThat(text).as(where + " must not contain the password of " + e.getKey()).doesNotContain(e.getValue());
        }
    }

    @Test
    void connectorWritesWithItsOwnPrincipalAndTheRestApiShowsNoSecret() throws Exception {
        Results.Scenario result = Results.scenario("security", "connector over SASL_SSL/SCRAM with ACLs");
        worker.rest().putConnector("secure-feed", feedConnector("secure-feed", SecureCluster.FEEDER + ".jaas"));
        try (TopicTail tail = new TopicTail(cluster.broker.bootstrapServers(), SecureCluster.FEED_TOPIC, 1)) {
            tail.awaitCount(500, Duration.ofSeconds(60));
            assertThat(tail.delivery(0, 500).exactlyOnce()).isTrue();
        }
        String config = worker.rest().connectorConfig("secure-feed").body();
        String info = worker.rest().call("GET", "/connectors/secure-feed", null).body();
        String all = worker.rest().call("GET", "/connectors?expand=info&expand=status", null).body();
        assertThat(config).contains("${file:");
        assertNoPasswordIn("GET /connectors/secure-feed/config", config);
        assertNoPasswordIn("GET /connectors/secure-feed", info);
        assertNoPasswordIn("GET /connectors?expand=info", all);
        worker.rest().deleteConnector("secure-feed");
        result.inputs(500).rowsExpected(500).rowsLost(0).duplicates(0)
                .checks("worker as one SCRAM user, the connector's producer as another via producer.override.* "
                        + "(secret from a FileConfigProvider); REST config/info show ${file:...}, no password")
                .save();
    }

    @Test
    void aConnectorWithoutWriteAclOrWithAWrongPasswordFailsFastAndSaysWhy() throws Exception {
        Results.Scenario result = Results.scenario("security", "connector: no WRITE ACL / wrong password");
        long began = System.nanoTime();
        worker.rest().putConnector("denied", feedConnector("denied", SecureCluster.NO_WRITE + ".jaas"));
        JsonNode denied = worker.rest().awaitTask("denied", "FAILED", Duration.ofSeconds(60));
        long deniedMs = (System.nanoTime() - began) / 1_000_000;
        assertThat(denied.path("tasks").get(0).path("trace").asText())
                .containsAnyOf("TopicAuthorizationException", "Not authorized to access topics");
        worker.rest().deleteConnector("denied");

        began = System.nanoTime();
        worker.rest().putConnector("wrong-password", feedConnector("wrong-password", "wrong.jaas"));
        JsonNode wrong = worker.rest().awaitTask("wrong-password", "FAILED", Duration.ofSeconds(60));
        long wrongMs = (System.nanoTime() - began) / 1_000_000;
        assertThat(wrong.path("tasks").get(0).path("trace").asText())
                .contains("Authentication failed").contains("SCRAM-SHA-512");
        worker.rest().deleteConnector("wrong-password");
        assertThat(deniedMs).isLessThan(60_000);
        result.inputs(2).rowsLost(0)
                .checks("principal without WRITE: task FAILED with TopicAuthorizationException in " + deniedMs
                        + " ms; wrong password: task FAILED with 'Authentication failed ... SCRAM-SHA-512' in "
                        + wrongMs + " ms")
                .save();
    }

    private DataFrameReader secureRead(String user, String password) {
        SparkSession spark = TestSpark.session();
        return spark.read().format("covid-kafka").options(cluster.sparkOptions(user, password))
                .option("subscribe", SecureCluster.READ_TOPIC).option("mode", "FAILFAST");
    }

    @Test
    void datasourceReadsAndWritesWithKafkaOptionsAndFailsFastWithoutTheRightOnes() {
        Results.Scenario result = Results.scenario("security", "datasource read/write over SASL_SSL/SCRAM with ACLs");
        Dataset<Row> read = secureRead(SecureCluster.READER, null).load();
        assertThat(read.count()).isEqualTo(300);
        assertNoPasswordIn("batch read plan", read.queryExecution().toString());

        Dataset<Row> typed = read.drop("_corrupt_record");
        var write = typed.write().format("covid-kafka").mode("append").option("topic", SecureCluster.OUT_TOPIC);
        write.options(cluster.sparkOptions(SecureCluster.WRITER, null)).save();
        assertThat(Topics.awaitCount(cluster.broker.bootstrapServers(), SecureCluster.OUT_TOPIC, 300,
                Duration.ofSeconds(30), 200)).hasSize(300);

        long[] ms = new long[3];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            long t = System.nanoTime();
            assertThatThrownBy(() -> secureRead(SecureCluster.READER, "wrong").load().count())
                    .hasStackTraceContaining("Authentication failed");
            ms[0] = (System.nanoTime() - t) / 1_000_000;
        }, "a wrong password must fail, not hang");
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            long t = System.nanoTime();
            Map<String, String> noJaas = cluster.sparkOptions(SecureCluster.READER, null);
            noJaas.remove("kafka.sasl.jaas.config");
            assertThatThrownBy(() -> TestSpark.session().read().format("covid-kafka").options(noJaas)
                    .option("subscribe", SecureCluster.READ_TOPIC).load().count())
                    .hasStackTraceContaining("JAAS");
            ms[1] = (System.nanoTime() - t) / 1_000_000;
        }, "missing credentials must fail, not hang");
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            long t = System.nanoTime();
            assertThatThrownBy(() -> typed.write().format("covid-kafka").mode("append")
                    .option("topic", SecureCluster.OUT_TOPIC)
                    .options(cluster.sparkOptions(SecureCluster.NO_WRITE, null)).save())
                    .satisfies(e -> assertThat(stackTrace(e)).containsAnyOf("TopicAuthorizationException",
                            "ClusterAuthorizationException"));
            ms[2] = (System.nanoTime() - t) / 1_000_000;
        }, "a write without the WRITE ACL must fail, not hang");
        result.inputs(600).rowsExpected(600).rowsLost(0)
                .checks("kafka.* SASL_SSL options: read 300, write 300; wrong password fails in " + ms[0]
                        + " ms ('Authentication failed'), no JAAS config in " + ms[1] + " ms, writing as a principal "
                        + "without WRITE in " + ms[2] + " ms (Kafka's Topic/ClusterAuthorizationException: the "
                        + "idempotent producer asks for IDEMPOTENT_WRITE first)")
                .save();
    }

    @Test
    void noPasswordInStreamingPlansProgressEventsOrLogs() throws Exception {
        Results.Scenario result = Results.scenario("security", "no password in logs, REST, plans, progress");
        SparkSession spark = TestSpark.session();
        List<String> events = new CopyOnWriteArrayList<>();
        StreamingQueryListener listener = new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent event) {
                events.add(event.json());
            }

            @Override
            public void onQueryProgress(QueryProgressEvent event) {
                events.add(event.json());
            }

            @Override
            public void onQueryTerminated(QueryTerminatedEvent event) {
                events.add(event.json());
            }
        };
        spark.streams().addListener(listener);
        try {
            StreamingQuery q = spark.readStream().format("covid-kafka")
                    .options(cluster.sparkOptions(SecureCluster.READER, null))
                    .option("subscribe", SecureCluster.READ_TOPIC).option("startingOffsets", "earliest").load()
                    .drop("_corrupt_record")
                    .writeStream().format("covid-kafka").options(cluster.sparkOptions(SecureCluster.WRITER, null))
                    .option("topic", SecureCluster.OUT_TOPIC).option("checkpointLocation", tmp.resolve("cp").toString())
                    .trigger(Trigger.AvailableNow()).start();
            assertThat(q.awaitTermination(120_000)).isTrue();
            assertThat(q.exception().isEmpty()).isTrue();
            String plan = ((StreamingQueryWrapper) q).streamingQuery().lastExecution().toString();
            assertThat(plan).contains("covid-kafka");
            assertNoPasswordIn("streaming plan", plan);
            assertNoPasswordIn("last progress", q.lastProgress().json());
            assertNoPasswordIn("recent progress", java.util.Arrays.toString(q.recentProgress()));
            assertNoPasswordIn("status", q.status().json());
            Thread.sleep(500);
            assertThat(events).isNotEmpty();
            assertNoPasswordIn("listener events", String.join("\n", events));
        } finally {
            spark.streams().removeListener(listener);
        }
        List<String> lines = logs.lines();
        assertThat(lines).as("Kafka and Spark were logging at INFO").hasSizeGreaterThan(100);
        List<String> configDumps = lines.stream().filter(l -> l.contains("sasl.jaas.config = ")).toList();
        assertThat(configDumps).as("client configs logged").isNotEmpty()
                .anySatisfy(l -> assertThat(l).contains("sasl.jaas.config = [hidden]"))
                .allSatisfy(l -> assertThat(l).containsPattern("sasl\\.jaas\\.config = (\\[hidden\\]|null)\\R"));
        assertNoPasswordIn("logs", String.join("\n", lines));
        result.rowsLost(0)
                .checks("streaming plan, progress, status, listener events, " + lines.size() + " log lines (Kafka, "
                        + "Spark, connector at INFO, worker + clients + Spark tasks) and the REST answers: no "
                        + "password of the 5 principals")
                .save();
    }
}
