package io.covidkafka.cli;

import io.covidkafka.schema.DataType;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.RowWriter;
import io.covidkafka.schema.SchemaException;
import io.covidkafka.schema.SchemaField;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code infer}: proposes a schema, null tokens and date formats from a feed's data. CSV goes through the schema
 * core's {@link FeedReader} with an all-STRING schema built from the header, so quotes, CRLF, BOM and gzip are
 * framed exactly as the connector frames them; JSON goes through {@link JsonShapeInspector}.
 */
@Command(name = "infer", mixinStandardHelpOptions = true, exitCodeOnExecutionException = 3,
        description = "Proposes a schema, null tokens and date formats from a feed's data, ready to paste into a connector config.")
final class InferCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A file or http(s) URL (.gz read transparently).")
    String input;

    @Option(names = "--format", paramLabel = "csv|json", description = "Default: json for .json/.jsonl/.ndjson, csv otherwise.")
    String format;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "100000",
            description = "Records to read (default ${DEFAULT-VALUE}); 0 reads the whole input.")
    long sample;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV delimiter, or \\t.")
    String delimiter;

    @Option(names = "--write", paramLabel = "FILE", description = "Also write the proposal as a connector .properties file.")
    Path write;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (sample < 0) {
                throw new UsageException("--sample: must be 0 (all) or more, was " + sample);
            }
            List<FeedInput> feeds = FeedInput.expand(List.of(input));
            if (feeds.size() != 1) {
                throw new UsageException("INPUT: infer reads one input, " + input + " names " + feeds.size());
            }
            FeedInput feed = feeds.get(0);
            FeedFormat fmt = format == null ? FeedSettings.guessFormat(feed.name()) : parseFormat(format);
            char delim = delimiter == null ? ',' : parseDelimiter(delimiter);
            long limit = sample == 0 ? Long.MAX_VALUE : sample;
            InferredSchema result = fmt == FeedFormat.CSV ? inferCsv(feed, delim, limit, err) : inferJson(feed, limit, err);
            result.print(out);
            out.flush();
            if (write != null) {
                writeProperties(result, write);
                err.println("wrote " + write);
            }
            return 0;
        } catch (UsageException | SchemaException e) {
            err.println("covid-kafka infer: " + e.getMessage());
            return 2;
        } catch (IOException | java.io.UncheckedIOException e) {
            // unreadable input or unwritable output: the run checked nothing reliable
            err.println("covid-kafka infer: " + e.getMessage());
            return 2;
        }
    }

    private static FeedFormat parseFormat(String f) {
        try {
            return FeedFormat.parse(f);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad --format: " + e.getMessage());
        }
    }

    private static char parseDelimiter(String d) {
        try {
            return ParseOptions.parseDelimiter(d);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad --delimiter: " + e.getMessage());
        }
    }

    private InferredSchema inferCsv(FeedInput feed, char delim, long limit, PrintWriter err) throws IOException {
        List<String> header = readHeader(feed, delim);
        List<SchemaField> fields = new ArrayList<>();
        for (String h : header) {
            fields.add(new SchemaField(h, DataType.STRING, true));
        }
        RecordSchema allStrings;
        try {
            allStrings = new RecordSchema(fields);
        } catch (SchemaException e) {
            throw new UsageException(feed.name() + ": header " + header + ": " + e.getMessage());
        }
        // no null tokens: every value arrives as text, and the profiles decide what means null
        ParseOptions options = ParseOptions.builder().format(FeedFormat.CSV).schema(allStrings).csvDelimiter(delim)
                .nullValues(List.of()).build();
        List<ColumnProfile> columns = new ArrayList<>();
        header.forEach(h -> columns.add(new ColumnProfile(h)));
        ProfilingWriter writer = new ProfilingWriter(columns);
        long records = 0;
        boolean whole;
        Progress progress = new Progress(err, feed.name());
        try (InputStream in = feed.open(); FeedReader reader = FeedReader.open(in, options)) {
            while (records < limit && reader.next(writer)) {
                if (reader.rejection() == null) {
                    writer.commit();
                    records++;
                } else {
                    err.println("skipped: " + reader.rejection().message());
                }
                if ((reader.recordsRead() & 0x3fff) == 0) {
                    progress.update(reader.recordsRead(), reader.bytesRead());
                }
            }
            whole = !reader.next(DiscardingRowWriter.INSTANCE);
        } finally {
            progress.done();
        }
        return new InferredSchema(feed.name(), FeedFormat.CSV, delim, records, whole, columns, List.of());
    }

    /** A first pass with a one-column schema gives the header exactly as the connector splits it. */
    private static List<String> readHeader(FeedInput feed, char delim) throws IOException {
        ParseOptions headerOnly = ParseOptions.builder().format(FeedFormat.CSV).schema("c STRING").csvDelimiter(delim)
                .csvHeader(true).build();
        try (InputStream in = feed.open(); FeedReader reader = FeedReader.open(in, headerOnly)) {
            if (reader.header() == null || reader.header().isEmpty()) {
                throw new UsageException(feed.name() + ": empty input, no CSV header");
            }
            return reader.header();
        }
    }

    private InferredSchema inferJson(FeedInput feed, long limit, PrintWriter err) throws IOException {
        JsonShapeInspector inspector = new JsonShapeInspector(limit);
        Progress progress = new Progress(err, feed.name());
        try (InputStream in = feed.open()) {
            inspector.read(in, progress);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageException(feed.name() + ": not valid JSON: " + e.getOriginalMessage());
        } finally {
            progress.done();
        }
        if (inspector.columns().isEmpty()) {
            throw new UsageException(feed.name() + ": no record with scalar fields found");
        }
        return new InferredSchema(feed.name(), FeedFormat.JSON, ',', inspector.records(), !inspector.truncated(),
                inspector.columns(), inspector.structureNotes());
    }

    static void writeProperties(InferredSchema result, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# proposed by covid-kafka infer from ").append(result.input).append(" (")
                .append(result.sampled).append(" records)\n");
        sb.append("# NOT NULL only where the sample had no null.\n");
        for (String n : result.notes) {
            sb.append("# note: ").append(n.replace('\n', ' ')).append('\n');
        }
        for (Map.Entry<String, String> e : result.properties().entrySet()) {
            sb.append(e.getKey()).append('=').append(escape(e.getValue())).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** java.util.Properties escaping for a value: backslashes, a leading blank, line ends. */
    private static String escape(String v) {
        String s = v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return s.startsWith(" ") ? "\\" + s : s;
    }

    /** Collects one record's column texts, then hands them to the profiles when the record is complete. */
    private static final class ProfilingWriter implements RowWriter {
        private final List<ColumnProfile> columns;
        private final String[] values;
        private final boolean[] absent;

        ProfilingWriter(List<ColumnProfile> columns) {
            this.columns = columns;
            this.values = new String[columns.size()];
            this.absent = new boolean[columns.size()];
        }

        @Override
        public void begin() {
            java.util.Arrays.fill(values, null);
            java.util.Arrays.fill(absent, false);
        }

        void commit() {
            for (int i = 0; i < values.length; i++) {
                if (absent[i] || values[i] == null) {
                    columns.get(i).missing();
                } else {
                    columns.get(i).accept(values[i]);
                }
            }
        }

        @Override
        public void setNull(int field) {
            absent[field] = true; // only a short row: with no null tokens every present value is text
        }

        @Override
        public void setString(int field, char[] buf, int off, int len) {
            values[field] = new String(buf, off, len);
        }

        @Override public void setInt(int field, int value) { throw new IllegalStateException("all-STRING schema"); }
        @Override public void setLong(int field, long value) { throw new IllegalStateException("all-STRING schema"); }
        @Override public void setDouble(int field, double value) { throw new IllegalStateException("all-STRING schema"); }
        @Override public void setBoolean(int field, boolean value) { throw new IllegalStateException("all-STRING schema"); }
        @Override public void setDecimal(int field, BigDecimal value) { throw new IllegalStateException("all-STRING schema"); }
        @Override public void setDate(int field, int epochDay) { throw new IllegalStateException("all-STRING schema"); }
        @Override public void setTimestamp(int field, long epochMicros) { throw new IllegalStateException("all-STRING schema"); }
    }
}
