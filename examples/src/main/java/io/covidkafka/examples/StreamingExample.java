package io.covidkafka.examples;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * What every streaming example shares: the command-line options, the SparkSession, and running the query until it
 * ends by itself (available-now, once), {@code --duration} elapses, or the JVM is stopped.
 *
 * <p>Subclasses only build their query in {@link #start(SparkSession)}: that keeps each example to its pipeline, and
 * lets the tests start the very same query on a shared local session.
 */
abstract class StreamingExample implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--checkpoint", description = "Checkpoint directory: a restart with the same one continues "
            + "where the query stopped. Default: a temporary directory (no restart).")
    String checkpoint;

    @Option(names = "--duration", defaultValue = "0s", converter = Durations.class,
            description = "Stop after this long, e.g. 90s, 5m; 0s runs until the query ends or Ctrl-C "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--trigger", defaultValue = "processing-time:2s", converter = Triggers.class,
            description = "processing-time:INTERVAL, available-now, once or continuous:INTERVAL "
                    + "(default: ${DEFAULT-VALUE}).")
    TriggerSpec trigger;

    /** Builds and starts the example's query on {@code spark}. */
    abstract StreamingQuery start(SparkSession spark) throws TimeoutException;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = session(getClass().getSimpleName());
        try {
            StreamingQuery query = start(spark);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(query)));
            awaitEnd(query, duration);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Waits until the query ends by itself or {@code duration} (if not zero) has passed, then stops it. */
    static void awaitEnd(StreamingQuery query, Duration duration) throws StreamingQueryException, TimeoutException {
        if (duration.isZero()) {
            query.awaitTermination();
        } else if (!query.awaitTermination(duration.toMillis())) {
            query.stop();
        }
    }

    /**
     * The session: under spark-submit the master and every setting come from spark-submit; run as a plain
     * {@code java} program (examples/run) it is a local session on all cores, bound to the loopback address.
     */
    static SparkSession session(String appName) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (!conf.contains("spark.master")) {
            b.master("local[*]")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4");
        }
        return b.getOrCreate();
    }

    /** The checkpoint location: the option, or a fresh temporary directory that Spark deletes at the end. */
    String checkpointFor(SparkSession spark, String queryName) {
        if (checkpoint != null) {
            return checkpoint;
        }
        spark.conf().set("spark.sql.streaming.forceDeleteTempCheckpointLocation", "true");
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("covid-kafka-" + queryName + "-");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void stopQuietly(StreamingQuery query) {
        try {
            query.stop();
        } catch (Exception e) {
            // the JVM is going down anyway: nothing left to report to
        }
    }
}
