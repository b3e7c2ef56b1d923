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
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

/**
 * Lines from a TCP socket ({@code nc -lk 9999} in another terminal) to the console, to show the output modes and
 * triggers side by side:
 * <ul>
 *   <li>{@code --output-mode append}: every line as it arrives with its number of words (no aggregation, so each
 *       row is final; map-only, so it also runs under the continuous trigger, which allows no explode or
 *       aggregation);</li>
 *   <li>{@code update}: the counts of the words the batch changed;</li>
 *   <li>{@code complete}: every count, every batch.</li>
 * </ul>
 * {@code --output-topic} sends the same rows to Kafka with {@code format("covid-kafka")} instead of the console.
 */
@Command(name = "socket-word-count", mixinStandardHelpOptions = true,
        description = "Socket lines -> lines (append) or word counts (update, complete) -> console or Kafka.")
public class SocketWordCount extends StreamingExample {

    public static final String LINES_DDL = "Line STRING NOT NULL, Words INT NOT NULL";
    public static final String COUNTS_DDL = "Word STRING NOT NULL, Count BIGINT NOT NULL";

    private static final String NOT_WORD = "[^\\p{L}\\p{N}']+";

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "9999", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--output-mode", defaultValue = "update",
            description = "append, update or complete (default: ${DEFAULT-VALUE}).")
    String outputMode;

    @Option(names = "--output-topic", description = "Write to this topic (default: the console).")
    String outputTopic;

    @Override
    StreamingQuery start(SparkSession spark) throws TimeoutException {
        Dataset<Row> lines = spark.readStream().format("socket").option("host", host).option("port", port).load();
        boolean append = outputMode.equalsIgnoreCase("append");
        Dataset<Row> result = append ? linesWithWordCounts(lines) : wordCounts(lines);
        DataStreamWriter<Row> out = result.writeStream().outputMode(outputMode)
                .option("checkpointLocation", checkpointFor(spark, "socket-word-count"))
                .trigger(trigger.toTrigger());
        if (outputTopic == null) {
            out = out.format("console").option("truncate", "false");
        } else {
            out = out.format("covid-kafka").option("kafka.bootstrap.servers", bootstrapServers)
                    .option("topic", outputTopic).option("schema", append ? LINES_DDL : COUNTS_DDL);
        }
        return out.start();
    }

    /** Map-only: each line and how many words it has. */
    static Dataset<Row> linesWithWordCounts(Dataset<Row> lines) {
        var words = regexp_replace(lower(col("value")), "^" + NOT_WORD + "|" + NOT_WORD + "$", "");
        return lines.select(col("value").as("Line"),
                when(words.equalTo(""), 0).otherwise(size(split(words, NOT_WORD))).as("Words"));
    }

    static Dataset<Row> wordCounts(Dataset<Row> lines) {
        return lines.select(explode(split(lower(col("value")), NOT_WORD)).as("Word"))
                .where(col("Word").notEqual(""))
                .groupBy("Word").count().withColumnRenamed("count", "Count");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SocketWordCount()).execute(args));
    }
}
