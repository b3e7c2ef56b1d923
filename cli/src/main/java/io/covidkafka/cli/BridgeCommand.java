package io.covidkafka.cli;

import io.covidkafka.cli.demo.LocalSpark;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * {@code covid-kafka bridge}: a Structured Streaming query from one of Spark's sources into a Kafka topic through
 * {@code format("covid-kafka")}, so every record is checked by the schema core on its way in and bad ones are
 * routed by {@code --mode} / {@code --dead-letter-topic} instead of reaching the topic.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Streams records from Spark's socket, rate or file source into a Kafka topic, checked against the schema.",
                "",
                "  socket://HOST:PORT          one CSV/JSON record per line (e.g. from `nc -lk PORT`)",
                "  rate://?rowsPerSecond=N     synthetic COVID records, for load tests (&numPartitions=P)",
                "  file:///DIR                 new files in DIR, one record per line; a CSV header line is skipped",
                "",
                "Example: covid-kafka bridge --from socket://localhost:9999 --to kafka://localhost:9092/covid "
                        + "--format csv --columns Date,Province,Confirmed,Recovered,Deaths,NumberToday --dead-letter-topic covid-bad"})
final class BridgeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "URI", description = "socket://HOST:PORT, rate://?rowsPerSecond=N or file:///DIR")
    String from;

    @Option(names = "--to", required = true, paramLabel = "kafka://BOOTSTRAP/TOPIC", description = "The topic to write, e.g. kafka://localhost:9092/covid")
    String to;

    @Option(names = "--mode", paramLabel = "MODE", description = "PERMISSIVE or DROPMALFORMED skip bad records (and dead-letter them), "
            + "FAILFAST stops the query at the first one. Default: the datasource's (PERMISSIVE).")
    String mode;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC", description = "Where rejected records go, with the reason in headers.")
    String deadLetterTopic;

    @Option(names = "--key-columns", paramLabel = "LIST", description = "Columns that make the record key, e.g. Province,Date.")
    String keyColumns;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Checkpoint folder; run again with the same one to resume "
            + "where it stopped. Default: a new temporary folder (no resume).")
    Path checkpoint;

    @Option(names = "--trigger", paramLabel = "DURATION", defaultValue = "1s", converter = DemoCommand.DurationConverter.class,
            description = "Micro-batch interval (default ${DEFAULT-VALUE}).")
    Duration trigger;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DemoCommand.DurationConverter.class,
            description = "Stop after this long. Default: run until Ctrl-C.")
    Duration duration;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "Spark master when not launched by spark-submit (default ${DEFAULT-VALUE}).")
    String master;

    @Mixin
    FeedSettings feed;

    @Mixin
    KafkaClientSettings kafka;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BridgeSource source = BridgeSource.parse(from);
        KafkaTarget target = KafkaTarget.parse("--to", to);
        if (feed.format == null && feed.config == null && !(source instanceof BridgeSource.Files)) {
            feed.format = "json"; // files tell their format by name; lines from a socket and rate records default to JSON
        }
        Map<String, String> sinkOptions = feed.toDatasourceOptions(source instanceof BridgeSource.Files f ? firstFile(f.dir()) : null);
        FileHeader header = source instanceof BridgeSource.Files f ? fileHeader(f.dir(), sinkOptions) : null;
        if (header != null) {
            sinkOptions.put("csvColumns", String.join(",", header.columns()));
        }
        kafka.checkReachable(target.bootstrapServers());
        if (checkpoint == null) {
            checkpoint = Files.createTempDirectory("covid-kafka-bridge");
            err.println("covid-kafka bridge: checkpoint in " + checkpoint + " (give --checkpoint to resume after a stop)");
        }

        SparkSession spark = LocalSpark.getOrCreate("covid-kafka bridge", master);
        StreamingQuery query = null;
        try {
            Dataset<Row> records = read(spark, source, header);
            DataStreamWriter<Row> w = records.writeStream().format("covid-kafka")
                    .queryName("covid-kafka-bridge")
                    .options(sinkOptions)
                    .options(kafka.sparkOptions(target.bootstrapServers()))
                    .option("topic", target.topic())
                    .option("checkpointLocation", checkpoint.toString())
                    .trigger(Trigger.ProcessingTime(trigger.toMillis()));
            if (mode != null) {
                w = w.option("mode", mode);
            }
            if (deadLetterTopic != null) {
                w = w.option("deadLetterTopic", deadLetterTopic);
            }
            if (keyColumns != null) {
                w = w.option("keyColumns", keyColumns);
            }
            query = w.start();
            out.printf("bridging %s -> %s (topic %s)%n", from, target.bootstrapServers(), target.topic());
            out.flush();
            watch(query, out);
            return 0;
        } finally {
            if (query != null) {
                query.stop();
            }
            spark.stop();
        }
    }

    private Dataset<Row> read(SparkSession spark, BridgeSource source, FileHeader header) {
        if (source instanceof BridgeSource.Socket s) {
            return spark.readStream().format("socket").option("host", s.host()).option("port", s.port()).load();
        }
        if (source instanceof BridgeSource.Rate r) {
            return SyntheticCovidRecords.from(spark.readStream().format("rate")
                    .option("rowsPerSecond", r.rowsPerSecond()).option("numPartitions", r.numPartitions()).load());
        }
        BridgeSource.Files f = (BridgeSource.Files) source;
        Dataset<Row> lines = spark.readStream().format("text").load(f.dir().toString());
        if (header == null) {
            return lines;
        }
        // Every file starts with the header line (with a BOM in some): one string comparison per line drops it.
        return lines.filter(col("value").notEqual(header.line()).and(col("value").notEqual("\uFEFF" + header.line())));
    }

    /** Prints one line per finished batch until the duration passes or the query stops. */
    private void watch(StreamingQuery query, PrintWriter out) throws Exception {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        long lastBatch = -1;
        while (query.isActive() && System.nanoTime() < deadline) {
            try {
                query.awaitTermination(Math.max(1, Math.min(1_000, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (org.apache.spark.sql.streaming.StreamingQueryException failed) {
                break; // reported below
            }
            for (StreamingQueryProgress p : query.recentProgress()) {
                if (p.batchId() > lastBatch && p.numInputRows() > 0) {
                    // the sink's counts show in the progress only where the sink reports them (ReportsSinkMetrics)
                    Map<String, String> m = p.sink().metrics();
                    String counts = m.containsKey("writtenRecords")
                            ? String.format(", %s written, %s rejected", m.get("writtenRecords"), m.getOrDefault("rejectedRecords", "0")) : "";
                    out.printf("batch %d: %d rows in%s (%.0f rows/s)%n", p.batchId(), p.numInputRows(), counts, p.processedRowsPerSecond());
                    out.flush();
                }
                lastBatch = Math.max(lastBatch, p.batchId());
            }
        }
        if (query.exception().isDefined()) {
            for (Throwable c = query.exception().get(); c != null; c = c.getCause()) {
                if (c instanceof org.apache.spark.sql.AnalysisException a) {
                    throw a; // a sink that refused the columns at the first batch: a configuration error, said as such
                }
            }
            throw new IllegalStateException("the bridge query failed: " + query.exception().get().getMessage(), query.exception().get());
        }
    }

    /** The CSV header that the files in a folder start with. */
    record FileHeader(String line, List<String> columns) {
    }

    private FileHeader fileHeader(Path dir, Map<String, String> sinkOptions) throws IOException {
        // the format is decided as for the sink options: from the flags, else from the first file's name
        String first = firstFile(dir);
        ParseOptions options = feed.toParseOptions(first);
        if (options.format() != FeedFormat.CSV || !options.csvHeader() || sinkOptions.containsKey("csvColumns")) {
            return null;
        }
        if (first == null) {
            throw new UsageException("--from: " + dir + " has no file to read the CSV header from yet: give --columns "
                    + "(and --no-header if the files have none)");
        }
        try (InputStream in = Files.newInputStream(Path.of(first)); FeedReader reader = FeedReader.open(in, options)) {
            List<String> columns = reader.header();
            if (columns == null) {
                throw new UsageException("--from: " + first + " is empty: no CSV header to read");
            }
            try (Stream<String> lines = Files.lines(Path.of(first))) {
                String line = lines.findFirst().orElse("");
                return new FileHeader(line.startsWith("\uFEFF") ? line.substring(1) : line, columns);
            }
        }
    }

    private static String firstFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().map(Path::toString).findFirst().orElse(null);
        }
    }
}
