package io.covidkafka.cli.demo;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

/**
 * The demo's Structured Streaming job: reads typed COVID records with {@code format("covid-kafka")}, joins each
 * with its province's population (stream-static), and keeps per province a 7-day sliding-window average of daily
 * cases (event time = the record's Date, with a watermark) plus the running totals, written back with
 * {@code format("covid-kafka")} to a stats topic. Runnable on its own with {@code spark-submit} (see {@link #main}).
 */
public final class ProvinceStatsJob {

    /** The schema of the stats topic: what the sink checks every output row against. */
    public static final String STATS_DDL = "Province STRING NOT NULL, WindowStart TIMESTAMP NOT NULL, "
            + "WindowEnd TIMESTAMP NOT NULL, AvgDailyCases DOUBLE, Confirmed BIGINT, Deaths BIGINT, "
            + "Population BIGINT, ConfirmedPer100k DOUBLE, Days BIGINT NOT NULL";

    /**
     * Where the job reads and writes.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param rawTopic         typed COVID records (canonical JSON, as the connector writes them)
     * @param statsTopic       per-province window statistics
     * @param deadLetterTopic  where records the schema rejects go
     * @param checkpoint       the query's checkpoint directory
     * @param triggerMillis    micro-batch interval
     */
    public record Settings(String bootstrapServers, String rawTopic, String statsTopic, String deadLetterTopic,
                           Path checkpoint, long triggerMillis) {
    }

    private ProvinceStatsJob() {
    }

    /** Builds and starts the query; it runs until stopped. */
    public static StreamingQuery start(SparkSession spark, Settings s) throws TimeoutException {
        Dataset<Row> records = spark.readStream().format("covid-kafka")
                .option("kafka.bootstrap.servers", s.bootstrapServers())
                .option("subscribe", s.rawTopic())
                .option("startingOffsets", "earliest")
                .option("valueFormat", "json")
                .option("mode", "DROPMALFORMED")
                .option("deadLetterTopic", s.deadLetterTopic())
                .load();
        Dataset<Row> population = broadcast(ProvincePopulation.asDataset(spark));
        Column eventTime = col("Date").cast("timestamp");
        Dataset<Row> stats = records
                .join(population, records.col("Province").equalTo(population.col("PopProvince")), "left_outer")
                .withColumn("EventTime", eventTime)
                .withWatermark("EventTime", "14 days")
                .groupBy(window(col("EventTime"), "7 days", "1 day"), col("Province"))
                .agg(avg("NumberToday").as("AvgDailyCases"),
                        max("Confirmed").as("Confirmed"),
                        max("Deaths").as("Deaths"),
                        min("Population").as("Population"),
                        count(lit(1)).as("Days"))
                .select(col("Province"),
                        col("window.start").as("WindowStart"),
                        col("window.end").as("WindowEnd"),
                        round(col("AvgDailyCases"), 1).as("AvgDailyCases"),
                        col("Confirmed"),
                        col("Deaths"),
                        col("Population"),
                        when(col("Population").gt(0), round(col("Confirmed").multiply(100_000.0).divide(col("Population")), 1))
                                .as("ConfirmedPer100k"),
                        col("Days"));
        return stats.writeStream().format("covid-kafka")
                .queryName("province-stats")
                .outputMode("update")
                .option("kafka.bootstrap.servers", s.bootstrapServers())
                .option("topic", s.statsTopic())
                .option("schema", STATS_DDL)
                .option("valueFormat", "json")
                .option("keyColumns", "Province")
                .option("checkpointLocation", s.checkpoint().toString())
                .trigger(Trigger.ProcessingTime(s.triggerMillis()))
                .start();
    }

    /**
     * {@code spark-submit --jars covid-kafka-spark.jar --class io.covidkafka.cli.demo.ProvinceStatsJob covid-kafka-cli.jar
     * BOOTSTRAP RAW_TOPIC STATS_TOPIC DLQ_TOPIC CHECKPOINT_DIR}
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ProvinceStatsJob BOOTSTRAP RAW_TOPIC STATS_TOPIC DEAD_LETTER_TOPIC CHECKPOINT_DIR");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("covid-kafka province stats").getOrCreate();
        start(spark, new Settings(args[0], args[1], args[2], args[3], Path.of(args[4]), 5_000)).awaitTermination();
    }
}
