package io.covidkafka.bench;

import io.covidkafka.schema.CanonicalJsonWriter;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The real PHAC {@code covid19.csv} (1,497 rows, 21 columns, CRLF, N/A values, French names), replicated to any row
 * count: the bytes of its data lines are repeated as published, under one header line. The same rows as canonical
 * JSON (what the connector and {@code format("covid-kafka")} put in Kafka) come from parsing it with the PHAC preset.
 */
final class PhacData {

    static final String FILE = "covid/canada/phac_covid19_2020-06-15.csv";

    /** PHAC preset, as the connector and the CLI use it for this feed. */
    static final ParseOptions CSV_OPTIONS = ParseOptions.builder().mapping("phac").build();
    /** Canonical JSON of the covid schema (field names = schema names, ISO dates). */
    static final ParseOptions JSON_OPTIONS = ParseOptions.builder().format(FeedFormat.parse("json")).build();

    final byte[] header;
    final List<byte[]> lines;

    private PhacData(byte[] header, List<byte[]> lines) {
        this.header = header;
        this.lines = lines;
    }

    static PhacData load() {
        Path file = sharedData().resolve(FILE);
        try {
            byte[] all = Files.readAllBytes(file);
            List<byte[]> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    lines.add(java.util.Arrays.copyOfRange(all, start, i + 1));
                    start = i + 1;
                }
            }
            if (start < all.length) {
                lines.add(java.util.Arrays.copyOfRange(all, start, all.length));
            }
            return new PhacData(lines.get(0), List.copyOf(lines.subList(1, lines.size())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (set -Dcovidkafka.shared.data)", e);
        }
    }

    static Path sharedData() {
        String p = System.getProperty("covidkafka.shared.data");
        return p != null ? Paths.get(p) : Paths.get("..", "shared", "data");
    }

    /** The data line of replicated row {@code i} (CRLF included). */
    byte[] line(long i) {
        return lines.get((int) (i % lines.size()));
    }

    /** Header plus {@code rows} data lines. */
    void writeCsv(OutputStream out, long rows) throws IOException {
        out.write(header);
        for (long i = 0; i < rows; i++) {
            out.write(line(i));
        }
    }

    byte[] csv(long rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                header.length + rows * 120));
        try {
            writeCsv(out, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    Path writeCsvFile(Path dir, long rows) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("phac-" + rows + ".csv");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeCsv(out, rows);
        }
        return file;
    }

    /** The 1,497 rows as canonical JSON values (one Kafka message each), parsed once with the PHAC preset. */
    List<byte[]> canonicalJson() {
        List<byte[]> out = new ArrayList<>(lines.size());
        CanonicalJsonWriter json = new CanonicalJsonWriter(CSV_OPTIONS.schema());
        try (FeedReader r = FeedReader.open(new ByteArrayInputStream(csv(lines.size())), CSV_OPTIONS)) {
            while (r.next(json)) {
                if (r.rejection() != null) {
                    throw new IllegalStateException("PHAC row rejected: " + r.rejection().message());
                }
                out.add(json.toBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code rows} canonical JSON values, one per line. */
    static byte[] jsonLines(List<byte[]> values, long rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, rows * 130));
        for (long i = 0; i < rows; i++) {
            out.writeBytes(values.get((int) (i % values.size())));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
