package io.covidkafka.reliability;

import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.Rejection;
import io.covidkafka.schema.TypedRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Files and messages of mutated records, and what the schema core (the oracle) says about them. */
final class MutatedFeeds {

    private MutatedFeeds() {
    }

    /** A feed of {@code records} records, a third of them intact seeds, the rest mutated; CSV gets the header. */
    static byte[] feed(Mutator m, String header, List<String> seeds, int records, boolean jsonArray) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (header != null) {
            out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        if (jsonArray) {
            out.write('[');
        }
        for (int i = 0; i < records; i++) {
            byte[] seed = seeds.get(m.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
            byte[] other = seeds.get(m.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(m.nextInt(3) == 0 ? seed : m.mutate(seed, m.pick(), other));
            if (jsonArray && i < records - 1) {
                out.write(',');
            }
            out.writeBytes(m.nextInt(3) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        }
        if (jsonArray) {
            out.write(']');
        }
        return out.toByteArray();
    }

    /** What the core makes of a whole feed: accepted, rejected and the rejections by reason. */
    record Verdict(long accepted, long rejected, Map<String, Long> reasons) {
        Verdict plus(Verdict o) {
            Map<String, Long> r = new TreeMap<>(reasons);
            o.reasons.forEach((k, v) -> r.merge(k, v, Long::sum));
            return new Verdict(accepted + o.accepted, rejected + o.rejected, r);
        }

        long total() {
            return accepted + rejected;
        }

        static Verdict none() {
            return new Verdict(0, 0, new TreeMap<>());
        }
    }

    static Verdict oracle(Path file, ParseOptions options) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return oracle(in, options);
        }
    }

    static Verdict oracle(InputStream in, ParseOptions options) throws IOException {
        long accepted = 0;
        long rejected = 0;
        Map<String, Long> reasons = new TreeMap<>();
        TypedRow row = new TypedRow(options.schema());
        try (FeedReader r = FeedReader.open(in, options)) {
            while (r.next(row)) {
                Rejection rej = r.rejection();
                if (rej == null) {
                    accepted++;
                } else {
                    rejected++;
                    reasons.merge(rej.reason().name(), 1L, Long::sum);
                }
            }
        }
        return new Verdict(accepted, rejected, reasons);
    }
}
