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
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.split;

/**
 * Word count, the first Structured Streaming program, over lines from a directory (Spark's file source: every new
 * file dropped in is read once) or from a Kafka topic (one line per message). Counts go to the console, or with
 * {@code --output-topic} to Kafka as typed records keyed by word.
 */
@Command(name = "word-count", mixinStandardHelpOptions = true,
        description = "Word count of lines from a directory (dir:PATH) or a Kafka topic (kafka:TOPIC).")
public class WordCount extends StreamingExample {

    /**
     * A Kafka message is one line of text, read as a one-column CSV record whose delimiter and quote are control
     * characters no text line contains: commas, tabs and quotes all stay inside the line.
     */
    public static final String LINE_DDL = "Line STRING NOT NULL";
    public static final String OUTPUT_DDL = "Word STRING NOT NULL, Count BIGINT NOT NULL";
    static final String TEXT_DELIMITER = "\u0001";
    static final String TEXT_QUOTE = "\u0000";

    @Option(names = "--source", required = true, description = "dir:PATH (text files) or kafka:TOPIC.")
    String source;

    @Option(names = "--output-topic", description = "Write the counts to this topic (default: the console).")
    String outputTopic;

    @Option(names = "--output-mode", defaultValue = "complete",
            description = "complete (every count, each batch) or update (only the counts that changed). "
                    + "Default: ${DEFAULT-VALUE}.")
    String outputMode;

    @Override
    StreamingQuery start(SparkSession spark) throws TimeoutException {
        DataStreamWriter<Row> out = counts(lines(spark)).writeStream()
                .outputMode(outputMode)
                .option("checkpointLocation", checkpointFor(spark, "word-count"))
                .trigger(trigger.toTrigger());
        if (outputTopic == null) {
            out = out.format("console").option("truncate", "false").option("numRows", "50");
        } else {
            out = out.format("covid-kafka")
                    .option("kafka.bootstrap.servers", bootstrapServers)
                    .option("topic", outputTopic)
                    .option("schema", OUTPUT_DDL)
                    .option("keyColumns", "Word");
        }
        return out.start();
    }

    /** One column {@code Line}, whichever the source. */
    Dataset<Row> lines(SparkSession spark) {
        if (source.startsWith("dir:")) {
            return spark.readStream().text(source.substring("dir:".length())).select(col("value").as("Line"));
        }
        if (source.startsWith("kafka:")) {
            return spark.readStream().format("covid-kafka")
                    .option("kafka.bootstrap.servers", bootstrapServers)
                    .option("subscribe", source.substring("kafka:".length()))
                    .option("startingOffsets", "earliest")
                    .option("schema", LINE_DDL)
                    .option("valueFormat", "csv")
                    .option("csvDelimiter", TEXT_DELIMITER)
                    .option("csvQuote", TEXT_QUOTE)
                    .option("mode", "DROPMALFORMED")
                    .load();
        }
        throw new CommandLine.ParameterException(new CommandLine(this),
                "--source must be dir:PATH or kafka:TOPIC, was '" + source + "'");
    }

    /** Lower-cased words (letters, digits and apostrophes) and how often each was seen. */
    static Dataset<Row> counts(Dataset<Row> lines) {
        return lines
                .select(explode(split(lower(col("Line")), "[^\\p{L}\\p{N}']+")).as("Word"))
                .where(col("Word").notEqual(""))
                .groupBy("Word").count()
                .withColumnRenamed("count", "Count");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new WordCount()).execute(args));
    }
}
