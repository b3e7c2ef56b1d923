package io.covidkafka.cli.demo;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The whole pipeline in one process: a KRaft broker (or an external Kafka), a Connect worker running the
 * {@code FeedSourceConnector} on a watched folder, and a local Spark job that turns the typed records into
 * per-province statistics, written back to Kafka and shown as a live table.
 */
public final class DemoPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPipeline.class);

    static final String RAW_TOPIC = "covid-raw";
    static final String STATS_TOPIC = "covid-stats";
    static final String CONNECT_ERRORS_TOPIC = "covid-raw-rejected";
    static final String SPARK_DLQ_TOPIC = "covid-stats-dlq";
    static final String CONNECTOR = "phac-feed";
    private static final String VIEW = "province_stats";

    /**
     * @param bootstrapServers an external Kafka, or null for the embedded broker
     * @param inbox            the watched folder, or null for one under the work directory
     * @param seedFile         the first feed file copied into the inbox (the PHAC covid19.csv)
     * @param duration         how long to run, or null until stopped
     * @param refresh          how often the table is printed
     */
    public record Options(String bootstrapServers, Path inbox, Path seedFile, Duration duration, Duration refresh) {
    }

    private final Options options;
    private final PrintWriter out;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private String bootstrap;
    private Path inbox;
    private SparkSession spark;
    private StreamingQuery statsQuery;
    private StreamingQuery viewQuery;

    public DemoPipeline(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** Starts everything; returns once the first statistics have been printed or the timeout passes. */
    public void start() throws Exception {
        long t0 = System.nanoTime();
        Path work = Files.createTempDirectory("covid-kafka-demo");
        if (options.bootstrapServers() == null) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().defaultPartitions(2).build().start();
            resources.add(broker);
            bootstrap = broker.bootstrapServers();
            out.println("Kafka      embedded KRaft broker at " + bootstrap);
        } else {
            bootstrap = options.bootstrapServers();
            out.println("Kafka      external cluster at " + bootstrap);
        }
        createTopics();

        inbox = options.inbox() != null ? options.inbox() : work.resolve("inbox");
        Files.createDirectories(inbox);
        Files.copy(options.seedFile(), inbox.resolve(options.seedFile().getFileName()), StandardCopyOption.REPLACE_EXISTING);
        InProcessConnectWorker worker = InProcessConnectWorker.start(bootstrap, work.resolve("connect.offsets"));
        resources.add(0, worker);
        worker.putConnector(CONNECTOR, connectorConfig(inbox));
        out.println("Connect    standalone worker at " + worker.restUrl() + ", connector '" + CONNECTOR + "' watching " + inbox);

        spark = LocalSpark.create("covid-kafka demo");
        spark.sparkContext().setLogLevel("WARN");
        statsQuery = ProvinceStatsJob.start(spark, new ProvinceStatsJob.Settings(bootstrap, RAW_TOPIC, STATS_TOPIC,
                SPARK_DLQ_TOPIC, work.resolve("checkpoints/stats"), 3_000));
        viewQuery = spark.readStream().format("covid-kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", STATS_TOPIC)
                .option("startingOffsets", "earliest")
                .option("schema", ProvinceStatsJob.STATS_DDL)
                .option("valueFormat", "json")
                .option("mode", "FAILFAST")
                .load()
                .writeStream().format("memory").queryName(VIEW).outputMode("append")
                .option("checkpointLocation", work.resolve("checkpoints/view").toString())
                .trigger(Trigger.ProcessingTime(2_000))
                .start();
        out.printf("Spark      %s, query '%s' reading %s with format(\"covid-kafka\")%n", spark.version(), statsQuery.name(), RAW_TOPIC);
        out.println("Drop more PHAC-style CSV files into " + inbox + " while it runs. Ctrl-C stops.");
        out.printf("started in %.1f s%n%n", (System.nanoTime() - t0) / 1e9);
        out.flush();
    }

    /** Prints the table and progress until the duration passes or {@code stop} says so. */
    public void runUntil(BooleanSupplier stop) throws Exception {
        long deadline = options.duration() == null ? Long.MAX_VALUE : System.nanoTime() + options.duration().toNanos();
        StatsTable table = new StatsTable(spark, VIEW);
        while (!stop.getAsBoolean() && System.nanoTime() < deadline) {
            failIfQueryDied(statsQuery);
            failIfQueryDied(viewQuery);
            printProgress(table);
            long sleep = Math.min(options.refresh().toMillis(), Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            Thread.sleep(Math.max(sleep, 1));
        }
        printProgress(table);
    }

    private void printProgress(StatsTable table) throws Exception {
        long ingested = endOffsetSum(RAW_TOPIC);
        long rejectedByConnector = endOffsetSum(CONNECT_ERRORS_TOPIC);
        long rejectedBySpark = endOffsetSum(SPARK_DLQ_TOPIC);
        StreamingQueryProgress p = statsQuery.lastProgress();
        out.printf("== %s  rows ingested %d, rejected by connector %d, rejected by Spark %d, batches %d%n",
                java.time.LocalTime.now().withNano(0), ingested, rejectedByConnector, rejectedBySpark, p == null ? 0 : p.batchId() + 1);
        table.print(out);
        out.println();
        out.flush();
    }

    private static void failIfQueryDied(StreamingQuery q) {
        if (!q.isActive() && q.exception().isDefined()) {
            throw new IllegalStateException("query '" + q.name() + "' failed: " + q.exception().get().getMessage(), q.exception().get());
        }
    }

    /** Writes a new feed file into the watched folder (as a user would), with one row the schema rejects. */
    public Path dropSampleFile(String name, List<String> rows) throws Exception {
        Path tmp = Files.createTempFile(inbox.getParent(), "drop", ".tmp");
        String header = "pruid,prname,prnameFR,date,numconf,numprob,numdeaths,numtotal,numtested,numrecover,percentrecover,"
                + "ratetested,numtoday,percentoday,ratetotal,ratedeaths,deathstoday,percentdeath,testedtoday,recoveredtoday,percentactive";
        Files.writeString(tmp, header + "\r\n" + String.join("\r\n", rows) + "\r\n", StandardCharsets.UTF_8);
        Path target = inbox.resolve(name);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private Map<String, String> connectorConfig(Path dir) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.covidkafka.connect.FeedSourceConnector");
        c.put("tasks.max", "1");
        c.put("topic", RAW_TOPIC);
        c.put("input.path", dir.toString());
        c.put("input.pattern", "*.csv");
        c.put("input.format", "csv");
        c.put("field.mapping", "phac");
        c.put("key.fields", "Province,Date");
        c.put("row.errors.policy", "dlq");
        c.put("row.errors.topic", CONNECT_ERRORS_TOPIC);
        c.put("file.min.age.ms", "500");
        c.put("poll.interval.ms", "1000");
        c.put("value.converter", "io.covidkafka.connect.CanonicalJsonConverter");
        return c;
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    private void createTopics() throws Exception {
        try (Admin admin = admin()) {
            for (NewTopic t : List.of(new NewTopic(RAW_TOPIC, 2, (short) 1), new NewTopic(STATS_TOPIC, 2, (short) 1),
                    new NewTopic(CONNECT_ERRORS_TOPIC, 1, (short) 1), new NewTopic(SPARK_DLQ_TOPIC, 1, (short) 1))) {
                try {
                    admin.createTopics(List.of(t)).all().get(20, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + t.name() + " on " + bootstrap + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        }
    }

    private long endOffsetSum(String topic) throws Exception {
        try (Admin admin = admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                specs.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            return admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() {
        for (StreamingQuery q : new StreamingQuery[] {viewQuery, statsQuery}) {
            try {
                if (q != null) {
                    q.stop();
                }
            } catch (Exception e) {
                LOG.warn("stopping query failed", e);
            }
        }
        if (spark != null) {
            spark.stop();
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", r, e);
            }
        }
    }
}
