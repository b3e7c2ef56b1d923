package io.covidkafka.examples;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.TimeoutException;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

/**
 * The EMR tutorial's pipeline: COVID records arrive on {@code topic-a}, a streaming job derives active cases and the
 * case-fatality rate per row, and writes the result to {@code topic-b}.
 *
 * <p>Both ends are {@code format("covid-kafka")}: records that do not fit the covid schema never reach the
 * transformation (they are dropped, or sent to {@code --dead-letter-topic}), and what is written to {@code topic-b}
 * is checked against {@link #OUTPUT_DDL} before it is sent.
 */
@Command(name = "covid-transform", mixinStandardHelpOptions = true,
        description = "COVID records on one topic -> active cases and fatality rate -> another topic.")
public class CovidTopicTransform extends StreamingExample {

    /** What the job writes: one row per input row, keyed by Province. */
    public static final String OUTPUT_DDL = "Date DATE NOT NULL, Province STRING NOT NULL, Confirmed BIGINT, "
            + "Deaths BIGINT, Active BIGINT, FatalityPercent DOUBLE";

    @Option(names = "--input-topic", defaultValue = "topic-a", description = "Default: ${DEFAULT-VALUE}.")
    String inputTopic;

    @Option(names = "--output-topic", defaultValue = "topic-b", description = "Default: ${DEFAULT-VALUE}.")
    String outputTopic;

    @Option(names = "--input-format", defaultValue = "json",
            description = "csv or json records on the input topic (default: ${DEFAULT-VALUE}).")
    String inputFormat;

    @Option(names = "--dead-letter-topic", description = "Where records that do not fit the schema go "
            + "(default: dropped, counted in the query progress).")
    String deadLetterTopic;

    @Option(names = "--starting-offsets", defaultValue = "earliest", description = "Default: ${DEFAULT-VALUE}.")
    String startingOffsets;

    @Override
    StreamingQuery start(SparkSession spark) throws TimeoutException {
        var reader = spark.readStream().format("covid-kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", inputTopic)
                .option("startingOffsets", startingOffsets)
                .option("valueFormat", inputFormat)
                .option("mode", "DROPMALFORMED");
        if (deadLetterTopic != null) {
            reader = reader.option("deadLetterTopic", deadLetterTopic);
        }
        return transform(reader.load())
                .writeStream().format("covid-kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("topic", outputTopic)
                .option("schema", OUTPUT_DDL)
                .option("keyColumns", "Province")
                .option("checkpointLocation", checkpointFor(spark, "covid-transform"))
                .trigger(trigger.toTrigger())
                .start();
    }

    /** The transformation itself: provinces only (the feed's "Canada" row is their sum), derived columns. */
    static Dataset<Row> transform(Dataset<Row> records) {
        var recovered = coalesce(col("Recovered"), lit(0L));
        return records
                .where(col("Province").notEqual("Canada"))
                .select(col("Date"), col("Province"), col("Confirmed"), col("Deaths"),
                        col("Confirmed").minus(recovered).minus(coalesce(col("Deaths"), lit(0L))).as("Active"),
                        when(col("Confirmed").gt(0),
                                round(col("Deaths").multiply(100.0).divide(col("Confirmed")), 2))
                                .as("FatalityPercent"));
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CovidTopicTransform()).execute(args));
    }
}
