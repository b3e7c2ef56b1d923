package io.covidkafka.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Schema core against Jackson on the PHAC file replicated: CSV with {@link FeedReader} vs jackson-dataformat-csv plus
 * the typing a user writes by hand; the same rows as JSON lines with {@link FeedReader} vs Jackson databind into a
 * POJO; and one Kafka-message-sized JSON value at a time with {@link RecordParser} vs {@code ObjectMapper.readValue}.
 * Every variant folds its typed values into a {@link Checksum}; each pair must agree, or the run fails.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Schema core parse vs Jackson CSV + manual typing and vs Jackson databind (no Kafka).")
final class ParseBench implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows (PHAC file replicated; default ${DEFAULT-VALUE}).")
    long rows;

    @Mixin
    RunOptions run;

    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final List<String> NULLS = List.of("", "N/A", "null");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final ObjectReader rowReader = json.readerFor(CovidRow.class);
    private final CsvMapper csv = new CsvMapper();

    @Override
    public Integer call() throws Exception {
        if (run.warmup == 1 && run.repeats == 3) { // parse runs are short: more rounds by default
            run.warmup = 2;
            run.repeats = 5;
        }
        RunOptions.printHeader("parse", rows, run);
        PhacData phac = PhacData.load();
        byte[] csvBytes = phac.csv(rows);
        List<byte[]> values = phac.canonicalJson();
        byte[] jsonBytes = PhacData.jsonLines(values, rows);
        System.out.printf("CSV %,d bytes, JSON lines %,d bytes%n", csvBytes.length, jsonBytes.length);

        long[] sums = new long[6];
        List<Variant> variants = List.of(
                Variant.of("csv: schema-core FeedReader", r -> timed(sums, 0, () -> coreStream(csvBytes, PhacData.CSV_OPTIONS))),
                Variant.of("csv: jackson-csv + manual typing", r -> timed(sums, 1, () -> jacksonCsv(csvBytes))),
                Variant.of("json lines: schema-core FeedReader", r -> timed(sums, 2, () -> coreStream(jsonBytes, PhacData.JSON_OPTIONS))),
                Variant.of("json lines: jackson databind", r -> timed(sums, 3, () -> databindStream(jsonBytes))),
                Variant.of("json value: schema-core RecordParser", r -> timed(sums, 4, () -> coreValues(values))),
                Variant.of("json value: jackson readValue", r -> timed(sums, 5, () -> databindValues(values))));
        Rounds rounds = new Rounds(run.select(variants), run.warmup, run.repeats, System.out).run();
        for (int i = 0; i < 6; i += 2) {
            if (sums[i] != 0 && sums[i + 1] != 0 && sums[i] != sums[i + 1]) {
                throw new IllegalStateException("typed values differ: " + variants.get(i).name() + " checksum "
                        + sums[i] + " vs " + sums[i + 1]);
            }
        }
        System.out.println("checksums of the typed values agree pair by pair: " + Arrays.toString(sums));
        rounds.printTable();
        rounds.printRatio("csv: schema-core FeedReader", "csv: jackson-csv + manual typing", null);
        rounds.printRatio("json lines: schema-core FeedReader", "json lines: jackson databind", null);
        rounds.printRatio("json value: schema-core RecordParser", "json value: jackson readValue", null);
        System.out.println("load average at end: " + RunOptions.loadAverage());
        return 0;
    }

    private Trial timed(long[] sums, int slot, Callable<Checksum> body) throws Exception {
        long t0 = System.nanoTime();
        Checksum c = body.call();
        Trial t = Trial.since(c.rows(), t0);
        if (c.rows() != rows) {
            throw new IllegalStateException("expected " + rows + " rows, got " + c.rows());
        }
        sums[slot] = c.sum();
        return t;
    }

    private Checksum coreStream(byte[] bytes, io.covidkafka.schema.ParseOptions options) throws IOException {
        Checksum sum = new Checksum(options.schema().size());
        try (FeedReader r = FeedReader.open(new ByteArrayInputStream(bytes), options)) {
            while (r.next(sum)) {
                Rejection rej = r.rejection();
                if (rej != null) {
                    throw new IllegalStateException(rej.message());
                }
                sum.endRecord();
            }
        }
        return sum;
    }

    private Checksum coreValues(List<byte[]> values) {
        RecordParser parser = RecordParser.create(PhacData.JSON_OPTIONS);
        Checksum sum = new Checksum(6);
        for (long i = 0; i < rows; i++) {
            byte[] v = values.get((int) (i % values.size()));
            Rejection rej = parser.parse(v, 0, v.length, sum);
            if (rej != null) {
                throw new IllegalStateException(rej.message());
            }
            sum.endRecord();
        }
        return sum;
    }

    /** What a user writes with jackson-dataformat-csv: rows as String[], columns found by header name, typed by hand. */
    private Checksum jacksonCsv(byte[] bytes) throws IOException {
        Checksum sum = new Checksum(6);
        try (MappingIterator<String[]> it = csv.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(bytes)) {
            List<String> header = Arrays.asList(it.next());
            int date = header.indexOf("date");
            int prname = header.indexOf("prname");
            int numconf = header.indexOf("numconf");
            int numrecover = header.indexOf("numrecover");
            int numdeaths = header.indexOf("numdeaths");
            int numtoday = header.indexOf("numtoday");
            while (it.hasNext()) {
                String[] row = it.next();
                sum.fold(date(row[date]), row[prname], number(row[numconf]), number(row[numrecover]),
                        number(row[numdeaths]), number(row[numtoday]));
            }
        }
        return sum;
    }

    /** The feed's own day-first pattern first (the user knows it), ISO as the fallback, like the core's list. */
    private static LocalDate date(String s) {
        if (NULLS.contains(s)) {
            return null;
        }
        try {
            return LocalDate.parse(s, DAY_FIRST);
        } catch (DateTimeParseException e) {
            return LocalDate.parse(s);
        }
    }

    private static Long number(String s) {
        return s == null || NULLS.contains(s) ? null : Long.valueOf(s);
    }

    private Checksum databindStream(byte[] bytes) throws IOException {
        Checksum sum = new Checksum(6);
        try (MappingIterator<CovidRow> it = rowReader.readValues(bytes)) {
            while (it.hasNext()) {
                it.next().foldInto(sum);
            }
        }
        return sum;
    }

    private Checksum databindValues(List<byte[]> values) throws IOException {
        Checksum sum = new Checksum(6);
        for (long i = 0; i < rows; i++) {
            CovidRow row = rowReader.readValue(values.get((int) (i % values.size())));
            row.foldInto(sum);
        }
        return sum;
    }
}
