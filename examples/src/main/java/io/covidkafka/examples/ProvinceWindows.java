package io.covidkafka.examples;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.window;

/**
 * Per-province statistics over event-time windows: the covid records are joined with a static table of province
 * populations (a stream-static join), grouped into 7-day windows of their {@code Date} (tumbling, or sliding by one
 * day), and each window's average of new cases and new cases per 100,000 people is written to Kafka.
 *
 * <p>The watermark ({@code --watermark}, 14 days by default) is how late a record may be: in append mode a window is
 * written once, when the watermark passes its end, and records older than the watermark are dropped. In update mode
 * every window is written again each time a batch changes it.
 */
@Command(name = "province-windows", mixinStandardHelpOptions = true,
        description = "7-day windows (tumbling or sliding) of new cases per province, joined with population.")
public class ProvinceWindows extends StreamingExample {

    public static final String OUTPUT_DDL = "Province STRING NOT NULL, WindowStart DATE NOT NULL, "
            + "WindowEnd DATE NOT NULL, Days BIGINT NOT NULL, AvgNewCases DOUBLE, NewCasesPer100k DOUBLE";

    @Option(names = "--input-topic", defaultValue = "covid", description = "Default: ${DEFAULT-VALUE}.")
    String inputTopic;

    @Option(names = "--output-topic", description = "Write the windows to this topic (default: the console).")
    String outputTopic;

    @Option(names = "--window", defaultValue = "tumbling",
            description = "tumbling (one 7-day window after the other) or sliding (7 days, every day). "
                    + "Default: ${DEFAULT-VALUE}.")
    String windowKind;

    @Option(names = "--watermark", defaultValue = "14 days",
            description = "How late a record may arrive (default: ${DEFAULT-VALUE}).")
    String watermark;

    @Option(names = "--output-mode", defaultValue = "append",
            description = "append (each window once, final) or update (each change). Default: ${DEFAULT-VALUE}.")
    String outputMode;

    @Option(names = "--population", description = "CSV Province,Population (default: the table in the jar).")
    Path population;

    @Override
    StreamingQuery start(SparkSession spark) throws TimeoutException {
        Dataset<Row> records = spark.readStream().format("covid-kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", inputTopic)
                .option("startingOffsets", "earliest")
                .option("mode", "DROPMALFORMED")
                .load();
        DataStreamWriter<Row> out = windows(records, populationTable(spark), windowKind, watermark).writeStream()
                .outputMode(outputMode)
                .option("checkpointLocation", checkpointFor(spark, "province-windows"))
                .trigger(trigger.toTrigger());
        if (outputTopic == null) {
            out = out.format("console").option("truncate", "false").option("numRows", "50");
        } else {
            out = out.format("covid-kafka").option("kafka.bootstrap.servers", bootstrapServers)
                    .option("topic", outputTopic).option("schema", OUTPUT_DDL)
                    .option("keyColumns", "Province,WindowStart");
        }
        return out.start();
    }

    static Dataset<Row> windows(Dataset<Row> records, Dataset<Row> population, String kind, String watermark) {
        var w = switch (kind) {
            case "tumbling" -> window(col("EventTime"), "7 days");
            case "sliding" -> window(col("EventTime"), "7 days", "1 day");
            default -> throw new IllegalArgumentException("--window must be tumbling or sliding, was '" + kind + "'");
        };
        return records
                .withColumn("EventTime", col("Date").cast(DataTypes.TimestampType))
                .withWatermark("EventTime", watermark)
                .join(population, "Province") // stream-static: provinces without a population are left out
                .groupBy(w.as("w"), col("Province"), col("Population"))
                .agg(count("*").as("Days"), avg("NumberToday").as("AvgNewCases"),
                        sum("NumberToday").as("NewCases"))
                .select(col("Province"), to_date(col("w.start")).as("WindowStart"),
                        to_date(col("w.end")).as("WindowEnd"), col("Days"), col("AvgNewCases"),
                        col("NewCases").multiply(lit(100_000.0)).divide(col("Population")).as("NewCasesPer100k"));
    }

    /** The static side of the join, read on the driver (the file is small) so it also works from inside the jar. */
    Dataset<Row> populationTable(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = population != null ? Files.newInputStream(population)
                : ProvinceWindows.class.getResourceAsStream("province-population.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine(); // header
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    String[] p = line.split(",");
                    rows.add(RowFactory.create(p[0].trim(), Long.parseLong(p[1].trim())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StructType schema = new StructType().add("Province", DataTypes.StringType, false)
                .add("Population", DataTypes.LongType, false);
        return spark.createDataFrame(rows, schema);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProvinceWindows()).execute(args));
    }
}
