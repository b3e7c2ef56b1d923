package io.covidkafka.sparkapp;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import static org.apache.spark.sql.functions.expr;

/**
 * A user's job that uses Spark's own {@code kafka} format (spark-sql-kafka on {@code --jars}, as
 * {@code --packages} would bring it) and {@code covid-kafka} in one JVM, each side first once: run by
 * {@code SparkSubmitIT}. Both copies of Spark's kafka classes load and initialise their settings here.
 *
 * <p>Args: bootstrap servers, input topic (JSON covid records, some bad), output topic, checkpoint directory.
 * Prints one {@code RESULT ...} line the test checks.
 */
public final class BothFormatsSubmitApp {

    private BothFormatsSubmitApp() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String in = args[1];
        String out = args[2];
        String checkpoint = args[3];
        SparkSession spark = SparkSession.builder().appName("covid-kafka-both-formats").getOrCreate();
        try {
            // covid-kafka first: its copy of the kafka classes initialises before Spark's own
            long typed = spark.read().format("covid-kafka")
                    .option("kafka.bootstrap.servers", bootstrap).option("subscribe", in)
                    .option("mode", "DROPMALFORMED").load().count();
            Dataset<Row> raw = spark.read().format("kafka")
                    .option("kafka.bootstrap.servers", bootstrap).option("subscribe", in).load();
            long rawCount = raw.count();

            // Spark's kafka writer, then covid-kafka's, into the same topic
            spark.sql("SELECT '{\"Date\":\"2020-10-02\",\"Province\":\"Quebec\",\"Confirmed\":40}' AS value")
                    .write().format("kafka")
                    .option("kafka.bootstrap.servers", bootstrap).option("topic", out).save();
            spark.read().format("covid-kafka")
                    .option("kafka.bootstrap.servers", bootstrap).option("subscribe", in)
                    .option("mode", "DROPMALFORMED").load()
                    .write().format("covid-kafka").mode("append")
                    .option("kafka.bootstrap.servers", bootstrap).option("topic", out).save();

            // streaming: Spark's kafka source and covid-kafka's in one query each
            StreamingQuery plain = spark.readStream().format("kafka")
                    .option("kafka.bootstrap.servers", bootstrap).option("subscribe", out)
                    .option("startingOffsets", "earliest").load()
                    .writeStream().format("memory").queryName("plain_out")
                    .option("checkpointLocation", checkpoint + "/plain")
                    .trigger(Trigger.AvailableNow()).start();
            plain.awaitTermination();
            StreamingQuery typedStream = spark.readStream().format("covid-kafka")
                    .option("kafka.bootstrap.servers", bootstrap).option("subscribe", out)
                    .option("startingOffsets", "earliest").option("mode", "FAILFAST").load()
                    .writeStream().format("memory").queryName("typed_out")
                    .option("checkpointLocation", checkpoint + "/typed")
                    .trigger(Trigger.AvailableNow()).start();
            typedStream.awaitTermination();
            long plainStreamed = spark.table("plain_out").count();
            Row typedTotals = spark.table("typed_out").agg(expr("count(*)"), expr("sum(Confirmed)")).first();
            System.out.println("RESULT typed=" + typed + " raw=" + rawCount + " plainStreamed=" + plainStreamed
                    + " typedStreamed=" + typedTotals.getLong(0) + " confirmed=" + typedTotals.getLong(1));
        } finally {
            spark.stop();
        }
    }
}
