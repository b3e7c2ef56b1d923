package io.covidkafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordParser;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.Rejection;
import io.covidkafka.schema.SchemaException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Over a million mutated CSV/JSON records straight through the schema core: single messages through
 * {@link RecordParser} (what the datasource does per Kafka value) and whole feeds through {@link FeedReader}
 * (what the connector does per file). Nothing may throw or hang; every input is either accepted (honouring the
 * RowWriter contract and the schema) or rejected with a reason; a feed read from any record's resume point gives
 * exactly the rest of the records.
 */
class SchemaCoreFuzzIT {

    /** One way of parsing single records, with its seeds. */
    private record Target(String name, ParseOptions options, List<String> seeds) {
    }

    private static List<Target> singleRecordTargets() {
        ParseOptions csv = ParseOptions.builder().csvHeader(false).build();
        ParseOptions json = ParseOptions.builder().format(FeedFormat.JSON).build();
        ParseOptions wideCsv = ParseOptions.builder().schema(EdgeCases.WIDE_DDL).csvHeader(false).build();
        ParseOptions wideJson = ParseOptions.builder().schema(EdgeCases.WIDE_DDL).format(FeedFormat.JSON).build();
        List<String> phacColumns = List.of(EdgeCases.phacHeader().split(","));
        ParseOptions phac = ParseOptions.builder().csvHeader(false).csvColumns(phacColumns).mapping("phac")
                .build();
        List<String> jsonSeeds = new ArrayList<>(EdgeCases.JSON_RECORDS);
        jsonSeeds.addAll(EdgeCases.JSON_FEEDS); // a whole feed is one (bad) message too
        return List.of(
                new Target("csv", csv, EdgeCases.CSV_RECORDS),
                new Target("json", json, jsonSeeds),
                new Target("wide-csv", wideCsv, EdgeCases.WIDE_CSV_RECORDS),
                new Target("wide-json", wideJson, EdgeCases.WIDE_JSON_RECORDS),
                new Target("phac-csv", phac, EdgeCases.phacLines(400)));
    }

    @Test
    void mutatedSingleRecordsAreAcceptedOrRejectedNeverThrowOrHang() {
        long perTarget = Soak.pick(180_000L, 2_000_000L);
        FuzzFailures failures = new FuzzFailures("single-records");
        Map<Mutator.Kind, long[]> byKind = new EnumMap<>(Mutator.Kind.class);
        long[] totals = new long[3]; // inputs, accepted, rejected
        long[] slowest = new long[1];
        Results.Scenario result = Results.scenario("bad input", "schema core: mutated single records");
        assertTimeoutPreemptively(Duration.ofMinutes(Soak.pick(3, 60)), () -> {
            long seed = 6_000;
            for (Target t : singleRecordTargets()) {
                RecordParser parser = RecordParser.create(t.options());
                RecordParser second = RecordParser.create(t.options());
                CheckingRowWriter out = new CheckingRowWriter(t.options().schema());
                CheckingRowWriter again = new CheckingRowWriter(t.options().schema());
                // huge fields up to 64 KiB here (the bounded-memory test streams 100+ MiB ones), nesting past
                // Jackson's 1000-level limit
                Mutator m = new Mutator(seed++, t.options().format() == FeedFormat.JSON, 64 * 1024, 4_000);
                List<byte[]> seeds = t.seeds().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
                for (long i = 0; i < perTarget; i++) {
                    byte[] base = seeds.get(m.nextInt(seeds.size()));
                    Mutator.Kind kind = m.pick();
                    byte[] input = m.mutate(base, kind, seeds.get(m.nextInt(seeds.size())));
                    // the record sits at a random offset inside a larger buffer, as in a Kafka UnsafeRow
                    int pad = m.nextInt(8);
                    byte[] buf = new byte[input.length + 2 * pad];
                    for (int p = 0; p < pad; p++) {
                        buf[p] = '"';
                        buf[buf.length - 1 - p] = '\n';
                    }
                    System.arraycopy(input, 0, buf, pad, input.length);
                    long began = System.nanoTime();
                    Rejection r;
                    try {
                        r = parser.parse(buf, pad, input.length, out);
                    } catch (Throwable e) {
                        failures.add(t.name() + ": parse threw", kind, input, e);
                        continue;
                    }
                    slowest[0] = Math.max(slowest[0], System.nanoTime() - began);
                    totals[0]++;
                    long[] k = byKind.computeIfAbsent(kind, x -> new long[2]);
                    if (r == null) {
                        totals[1]++;
                        k[0]++;
                        String violation = out.violation();
                        if (violation != null) {
                            failures.add(t.name() + ": accepted but " + violation, kind, input, null);
                        }
                    } else {
                        totals[2]++;
                        k[1]++;
                        if (r.reason() == null || r.message() == null || r.message().isEmpty()) {
                            failures.add(t.name() + ": rejection without reason/message", kind, input, null);
                        }
                    }
                    if (i % 50 == 0) {
                        // same bytes, fresh parser: same outcome (no state leaks from the previous record)
                        Rejection r2 = second.parse(input, 0, input.length, again);
                        boolean same = (r == null) == (r2 == null)
                                && (r == null ? out.fingerprint() == again.fingerprint() : r.reason() == r2.reason());
                        if (!same) {
                            failures.add(t.name() + ": parsing the same bytes twice differed", kind, input, null);
                        }
                    }
                }
            }
        });
        assertThat(failures.count()).as(failures.summary()).isZero();
        assertThat(totals[0]).isEqualTo(totals[1] + totals[2]).isGreaterThanOrEqualTo(5 * Soak.pick(180_000L, 2_000_000L));
        assertThat(totals[1]).as("some mutations stay valid").isPositive();
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowest[0])).as("slowest single record (ms)").isLessThan(5_000);
        result.inputs(totals[0]).accepted(totals[1]).rejected(totals[2]).rowsLost(0)
                .checks("no throw, no hang; accepted rows honour types and NOT NULL; accepted+rejected=total; "
                        + "re-parse gives the same result")
                .figure("slowestRecordMs", TimeUnit.NANOSECONDS.toMillis(slowest[0]))
                .figure("byKind", byKind.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(),
                        e -> e.getValue()[0] + e.getValue()[1])))
                .save();
    }

    /** One way of reading feeds, with its seeds: whole-feed seeds and record seeds to build feeds from. */
    private record FeedTarget(String name, ParseOptions options, String header, List<String> records,
                              List<String> feeds) {
    }

    @Test
    void mutatedFeedsFrameEveryRecordOnceAndResumeExactly() {
        int feedsPerTarget = Soak.pick(1_500, 20_000);
        ParseOptions csv = ParseOptions.builder().maxRecordBytes(64 * 1024).build();
        ParseOptions json = ParseOptions.builder().format(FeedFormat.JSON).maxRecordBytes(64 * 1024).build();
        List<FeedTarget> targets = List.of(
                new FeedTarget("csv", csv, "Date,Province,Confirmed,Recovered,Deaths,NumberToday",
                        EdgeCases.CSV_RECORDS, EdgeCases.CSV_FEEDS),
                new FeedTarget("json", json, null, EdgeCases.JSON_RECORDS, EdgeCases.JSON_FEEDS));
        FuzzFailures failures = new FuzzFailures("feeds");
        long[] totals = new long[5]; // feeds, records, accepted, rejected, resume checks
        long[] filesRejected = new long[1];
        Results.Scenario result = Results.scenario("bad input", "schema core: mutated feeds (files)");
        assertTimeoutPreemptively(Duration.ofMinutes(Soak.pick(3, 60)), () -> {
            long seed = 66_000;
            for (FeedTarget t : targets) {
                Mutator m = new Mutator(seed++, t.options().format() == FeedFormat.JSON, 150_000, 5_000);
                List<byte[]> recordSeeds = t.records().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
                List<byte[]> feedSeeds = t.feeds().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
                for (int f = 0; f < feedsPerTarget; f++) {
                    byte[] feed;
                    Mutator.Kind kind;
                    if (f % 4 == 0) {
                        // a whole edge-case feed, mutated as one
                        kind = m.pick();
                        byte[] base = feedSeeds.get(m.nextInt(feedSeeds.size()));
                        feed = m.mutate(base, kind, feedSeeds.get(m.nextInt(feedSeeds.size())));
                    } else {
                        kind = Mutator.Kind.STACKED;
                        feed = buildFeed(m, t, recordSeeds, 20 + m.nextInt(120));
                    }
                    totals[0]++;
                    try {
                        List<Outcome> all = readAll(feed, t.options(), 0, 1, failures, kind);
                        if (all == null) {
                            continue;
                        }
                        if (all.size() == 1 && "FILE_REJECTED".equals(all.get(0).reason)) {
                            filesRejected[0]++;
                            continue;
                        }
                        totals[1] += all.size();
                        totals[2] += all.stream().filter(o -> o.accepted).count();
                        totals[3] += all.stream().filter(o -> !o.accepted).count();
                        checkPositions(all, feed.length, failures, kind, feed);
                        if (f % 2 == 0) {
                            // the same feed arriving in small pieces: framing must not depend on where reads end
                            int step = 1 + m.nextInt(200);
                            List<Outcome> pieces = readAll(feed, t.options(), 0, 1, failures, kind, step);
                            totals[4]++;
                            if (pieces != null && !pieces.equals(all)) {
                                failures.add(t.name() + ": read " + step + " bytes at a time, the records differ",
                                        kind, feed, null);
                            }
                        }
                        if (!all.isEmpty() && f % 5 == 0) {
                            int k = m.nextInt(all.size());
                            Outcome at = all.get(k);
                            List<Outcome> rest = readAll(feed, t.options(), at.end, at.endLine, failures, kind);
                            totals[4]++;
                            if (rest != null && !rest.equals(all.subList(k + 1, all.size()))) {
                                failures.add(t.name() + ": resuming after record " + k + " (offset " + at.end
                                        + ") gave " + rest.size() + " records, expected " + (all.size() - k - 1),
                                        kind, feed, null);
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(t.name() + ": reading the feed threw", kind, feed, e);
                    }
                }
            }
        });
        assertThat(failures.count()).as(failures.summary()).isZero();
        assertThat(totals[1]).isEqualTo(totals[2] + totals[3]);
        assertThat(totals[4]).isPositive();
        result.inputs(totals[1]).accepted(totals[2]).rejected(totals[3]).rowsLost(0)
                .checks("no throw, no hang; recordsRead()=accepted+rejected; offsets monotonic within the file; "
                        + "resume from a random record's end gives exactly the remaining records; the same feed "
                        + "read in 1-200 byte pieces gives the same records")
                .figure("feeds", totals[0]).figure("resumeAndPieceChecks", totals[4])
                .figure("filesRejectedForTheirHeader", filesRejected[0])
                .save();
    }

    private static byte[] buildFeed(Mutator m, FeedTarget t, List<byte[]> seeds, int records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (t.header() != null) {
            if (m.nextInt(10) == 0) {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            out.writeBytes(t.header().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        boolean array = t.header() == null && m.nextInt(4) == 0;
        if (array) {
            out.write('[');
        }
        for (int i = 0; i < records; i++) {
            byte[] seed = seeds.get(m.nextInt(seeds.size()));
            byte[] rec = m.nextInt(3) == 0 ? seed : m.mutate(seed, m.pick(), seeds.get(m.nextInt(seeds.size())));
            out.writeBytes(rec);
            if (array && i < records - 1) {
                out.write(',');
            }
            out.writeBytes(m.nextInt(3) == 0 ? "\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[] {'\n'});
        }
        if (array) {
            out.write(']');
        }
        return out.toByteArray();
    }

    /** What one framed record came to: enough to compare a full read with a resumed one. */
    private record Outcome(boolean accepted, String reason, long offset, long end, long line, long endLine,
                           long fingerprint) {
    }

    private static List<Outcome> readAll(byte[] feed, ParseOptions options, long from, long line,
                                         FuzzFailures failures, Mutator.Kind kind) throws Exception {
        return readAll(feed, options, from, line, failures, kind, Integer.MAX_VALUE);
    }

    /** Reads the feed handed out at most {@code step} bytes per read() (where buffer fills end). */
    private static List<Outcome> readAll(byte[] feed, ParseOptions options, long from, long line,
                                         FuzzFailures failures, Mutator.Kind kind, int step) throws Exception {
        CheckingRowWriter out = new CheckingRowWriter(options.schema());
        List<Outcome> all = new ArrayList<>();
        FeedReader opened;
        try {
            opened = FeedReader.open(new ByteArrayInputStream(feed) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, step));
                }
            }, options, from, line);
        } catch (SchemaException e) {
            // a CSV header that cannot be split rejects the whole file, with a message: a clear file-level outcome
            if (!e.getMessage().startsWith("malformed CSV header")) {
                throw e;
            }
            return List.of(new Outcome(false, "FILE_REJECTED", 0, 0, 0, 0, 0));
        }
        try (FeedReader r = opened) {
            while (r.next(out)) {
                Rejection rej = r.rejection();
                if (rej == null) {
                    String violation = out.violation();
                    if (violation != null) {
                        failures.add("feed record accepted but " + violation, kind, feed, null);
                        return null;
                    }
                }
                all.add(new Outcome(rej == null, rej == null ? null : rej.reason().name(), r.recordOffset(),
                        r.endOffset(), r.recordLine(), r.endLine(), rej == null ? out.fingerprint() : 0));
                if (all.size() > feed.length + 1) {
                    failures.add("more records than bytes: framing does not advance", kind, feed, null);
                    return null;
                }
            }
            if (r.recordsRead() != all.size()) {
                failures.add("recordsRead()=" + r.recordsRead() + " but " + all.size() + " records were returned",
                        kind, feed, null);
                return null;
            }
        }
        return all;
    }

    private static void checkPositions(List<Outcome> all, long length, FuzzFailures failures, Mutator.Kind kind,
                                       byte[] feed) {
        long previousEnd = 0;
        long previousLine = 0;
        for (Outcome o : all) {
            if (o.offset < previousEnd || o.end < o.offset || o.end > length || o.line < previousLine
                    || o.endLine < o.line) {
                failures.add("positions out of order: " + o + " after end " + previousEnd, kind, feed, null);
                return;
            }
            previousEnd = o.end;
            previousLine = o.line;
        }
    }

    /** Inputs far bigger than the heap would allow to buffer: each must be rejected while memory stays flat. */
    @Test
    void hugeFieldsUnterminatedQuotesAndDeepNestingStreamInBoundedMemory() {
        long fill = Soak.pick(128L << 20, 2L << 30);
        byte[] nl = "\n".getBytes(StandardCharsets.US_ASCII);
        String okCsv = "2020-09-30,Yukon,1,2,3,4";
        record Case(String name, ParseOptions options, GeneratedStream in, List<String> expected) {
        }
        ParseOptions csv = ParseOptions.builder().build();
        ParseOptions json = ParseOptions.builder().format(FeedFormat.JSON).build();
        List<Case> cases = List.of(
                new Case("csv huge field", csv, new GeneratedStream(
                        "Date,Province,Confirmed,Recovered,Deaths,NumberToday\n2020-09-30,".getBytes(StandardCharsets.UTF_8),
                        "abcdefgh".getBytes(StandardCharsets.US_ASCII), fill,
                        (",1,2,3,4\n" + okCsv + "\n").getBytes(StandardCharsets.UTF_8), 32L << 20),
                        List.of("RECORD_TOO_LARGE", "ok")),
                new Case("csv unterminated quote", csv, new GeneratedStream(
                        "Date,Province,Confirmed\n2020-09-30,\"".getBytes(StandardCharsets.UTF_8),
                        "ab,\r\ncd".getBytes(StandardCharsets.US_ASCII), fill, nl, 32L << 20),
                        List.of("RECORD_TOO_LARGE")),
                new Case("json huge string", json, new GeneratedStream(
                        "{\"Date\":\"2020-09-30\",\"Province\":\"".getBytes(StandardCharsets.UTF_8),
                        "x\\\"{[".getBytes(StandardCharsets.US_ASCII), fill,
                        ("\"}\n" + EdgeCases.ALBERTA + "\n").getBytes(StandardCharsets.UTF_8), 32L << 20),
                        List.of("RECORD_TOO_LARGE", "ok")),
                new Case("json deep nesting", json, new GeneratedStream(
                        "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"x\":".getBytes(StandardCharsets.UTF_8),
                        "[{\"a\":".getBytes(StandardCharsets.US_ASCII), fill / 8, nl, 32L << 20),
                        List.of("RECORD_TOO_LARGE")),
                new Case("json nesting below the size limit", json, new GeneratedStream(
                        "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"x\":".getBytes(StandardCharsets.UTF_8),
                        "[".getBytes(StandardCharsets.US_ASCII), 500_000,
                        ("1" + "]".repeat(500_000) + "}\n" + EdgeCases.ALBERTA).getBytes(StandardCharsets.UTF_8), 1L << 40),
                        List.of("MALFORMED_RECORD", "ok")));
        long baseline = GeneratedStream.retainedHeap();
        long maxGrowth = 0;
        long bytes = 0;
        Results.Scenario result = Results.scenario("bad input", "schema core: huge inputs, bounded memory");
        for (Case c : cases) {
            List<String> seen = new ArrayList<>();
            assertTimeoutPreemptively(Duration.ofMinutes(Soak.pick(2, 20)), () -> {
                CheckingRowWriter out = new CheckingRowWriter(c.options().schema());
                try (FeedReader r = FeedReader.open(c.in(), c.options())) {
                    while (r.next(out)) {
                        seen.add(r.rejection() == null ? "ok" : r.rejection().reason().name());
                    }
                }
            }, c.name());
            assertThat(seen).as(c.name()).isEqualTo(c.expected());
            maxGrowth = Math.max(maxGrowth, c.in().maxRetained() - baseline);
            bytes += c.in().length();
        }
        // 1 MiB records, 64 KiB chunks: the reader needs a few MiB whatever the input size
        assertThat(maxGrowth).as("heap retained while streaming, above the baseline").isLessThan(48L << 20);
        result.inputs(cases.size()).rowsLost(0)
                .checks("fields of " + (fill >> 20) + " MiB, unterminated quotes, nesting deeper than the record limit: "
                        + "rejected as RECORD_TOO_LARGE (500k-deep within it: MALFORMED), the next record still read, "
                        + "retained heap growth < 48 MiB")
                .figure("bytesStreamed", bytes)
                .figure("maxHeapGrowthMiB", maxGrowth >> 20)
                .save();
    }

    /**
     * Multi-megabyte CSV (CRLF, quoted fields) and JSON-lines files resumed at many record ends, so resume points
     * fall at every alignment against the reader's 64 KiB buffer fills: the next records must be those of the
     * full read. (A CR ending a fill once made a resumed record swallow the next line.)
     */
    @Test
    void largeFeedsResumeExactlyAtManyPoints() throws Exception {
        int rows = Soak.pick(120_000, 1_000_000);
        int resumes = Soak.pick(300, 5_000);
        Results.Scenario result = Results.scenario("bad input", "schema core: resume of multi-MB files at many points");
        StringBuilder json = new StringBuilder();
        for (long i = 0; i < rows; i++) {
            json.append("{\"Date\":\"2020-09-30\",\"Province\":\"P").append(i % 7).append("\",\"Confirmed\":").append(i)
                    .append(i % 3 == 0 ? "}\r\n" : "}\n");
        }
        FuzzFailures failures = new FuzzFailures("large-resume");
        long checked = 0;
        java.util.SplittableRandom random = new java.util.SplittableRandom(6006);
        for (Object[] feed : new Object[][] {
                {Feeds.csv(0, rows).getBytes(StandardCharsets.UTF_8), ParseOptions.defaults()},
                {json.toString().getBytes(StandardCharsets.UTF_8), ParseOptions.builder().format(FeedFormat.JSON).build()}}) {
            byte[] content = (byte[]) feed[0];
            ParseOptions options = (ParseOptions) feed[1];
            List<Outcome> all = readAll(content, options, 0, 1, failures, Mutator.Kind.TRUNCATE);
            assertThat(all).hasSize(rows).allMatch(Outcome::accepted);
            for (int k = 0; k < resumes; k++) {
                int at = random.nextInt(rows - 1);
                Outcome from = all.get(at);
                CheckingRowWriter out = new CheckingRowWriter(options.schema());
                try (FeedReader r = FeedReader.open(new ByteArrayInputStream(content), options, from.end, from.endLine)) {
                    for (int j = at + 1; j < Math.min(rows, at + 2_000) && r.next(out); j++) {
                        Outcome expected = all.get(j);
                        Outcome got = new Outcome(r.rejection() == null, r.rejection() == null ? null
                                : r.rejection().reason().name(), r.recordOffset(), r.endOffset(), r.recordLine(),
                                r.endLine(), r.rejection() == null ? out.fingerprint() : 0);
                        checked++;
                        if (!got.equals(expected)) {
                            failures.add("resumed at byte " + from.end + ": record " + j + " is " + got + ", expected "
                                    + expected, Mutator.Kind.TRUNCATE, new byte[0], null);
                            break;
                        }
                    }
                }
            }
        }
        assertThat(failures.count()).as(failures.summary()).isZero();
        result.inputs(2L * resumes).rowsLost(0).duplicates(0).figure("recordsCompared", checked)
                .checks(resumes + " resume points in each of a " + (rows / 1000) + "k-row CRLF CSV and JSON-lines file: "
                        + "the next 2,000 records equal the full read's (values, positions, lines)")
                .save();
    }

    /** Schema sanity for the seeds: the edge cases that should be accepted are. */
    @Test
    void seedsThemselvesParseAsTheCoreTestsSay() {
        RecordParser p = RecordParser.create(ParseOptions.builder().csvHeader(false).build());
        CheckingRowWriter w = new CheckingRowWriter(RecordSchema.covid());
        byte[] ok = EdgeCases.CSV_RECORDS.get(0).getBytes(StandardCharsets.UTF_8);
        assertThat(p.parse(ok, 0, ok.length, w)).isNull();
        assertThat(w.violation()).isNull();
        byte[] bad = EdgeCases.CSV_RECORDS.get(11).getBytes(StandardCharsets.UTF_8);
        assertThat(p.parse(bad, 0, bad.length, w)).isNotNull();
    }
}
