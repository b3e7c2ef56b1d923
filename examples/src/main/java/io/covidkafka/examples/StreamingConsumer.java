package io.covidkafka.examples;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.TimeoutException;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

/**
 * The streaming consumer the CSV producer feeds: reads the typed records with {@code format("covid-kafka")} and keeps,
 * per province, how many rows arrived and the figures of its latest day. Prints the table every batch (complete mode),
 * or writes it to {@code --output-topic}.
 */
@Command(name = "streaming-consumer", mixinStandardHelpOptions = true,
        description = "Per-province latest totals of the covid records on a topic, updated as rows arrive.")
public class StreamingConsumer extends StreamingExample {

    public static final String OUTPUT_DDL = "Province STRING NOT NULL, Rows BIGINT NOT NULL, LastDate DATE NOT NULL, "
            + "Confirmed BIGINT, Deaths BIGINT";

    @Option(names = "--topic", defaultValue = "covid", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--output-topic", description = "Write the table to this topic (default: the console).")
    String outputTopic;

    @Override
    StreamingQuery start(SparkSession spark) throws TimeoutException {
        Dataset<Row> records = spark.readStream().format("covid-kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("mode", "DROPMALFORMED")
                .load();
        DataStreamWriter<Row> out = latestPerProvince(records).writeStream()
                .outputMode("complete")
                .option("checkpointLocation", checkpointFor(spark, "streaming-consumer"))
                .trigger(trigger.toTrigger());
        if (outputTopic == null) {
            out = out.format("console").option("truncate", "false").option("numRows", "20");
        } else {
            out = out.format("covid-kafka").option("kafka.bootstrap.servers", bootstrapServers)
                    .option("topic", outputTopic).option("schema", OUTPUT_DDL).option("keyColumns", "Province");
        }
        return out.start();
    }

    /** max(struct(Date, ...)) picks the whole row of the latest date: no join back needed. */
    static Dataset<Row> latestPerProvince(Dataset<Row> records) {
        return records.groupBy("Province")
                .agg(count("*").as("Rows"), max(struct(col("Date"), col("Confirmed"), col("Deaths"))).as("latest"))
                .select(col("Province"), col("Rows"), col("latest.Date").as("LastDate"),
                        col("latest.Confirmed").as("Confirmed"), col("latest.Deaths").as("Deaths"));
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamingConsumer()).execute(args));
    }
}
