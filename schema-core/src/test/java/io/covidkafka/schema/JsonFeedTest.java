package io.covidkafka.schema;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFeedTest {

    private static final ParseOptions OPTS = ParseOptions.builder().format(FeedFormat.JSON).build();
    private static final String ALBERTA =
            "{\"Date\":\"30-09-2020\",\"Province\":\"Alberta\",\"Confirmed\":18062,\"Recovered\":16213,\"Deaths\":267,\"NumberToday\":153}";

    @Test
    void theCanonicalRecord() {
        Object[] v = Feeds.parseOne(RecordParser.create(OPTS), ALBERTA);
        assertThat(v).containsExactly(LocalDate.of(2020, 9, 30), "Alberta", 18062L, 16213L, 267L, 153L);
    }

    @Test
    void linesConcatenatedAndTopLevelArrayGiveTheSameRecords() {
        String lines = ALBERTA + "\n" + ALBERTA.replace("Alberta", "Québec") + "\n";
        String concatenated = ALBERTA + ALBERTA.replace("Alberta", "Québec");
        String array = "[\n  " + ALBERTA + ",\n  " + ALBERTA.replace("Alberta", "Québec") + "\n]\n";
        for (String doc : List.of(lines, concatenated, array)) {
            List<Feeds.Outcome> rows = Feeds.read(doc, OPTS);
            assertThat(rows).as(doc).hasSize(2).allMatch(Feeds.Outcome::accepted);
            assertThat(rows.get(1).values()[1]).isEqualTo("Québec");
        }
    }

    @Test
    void prettyPrintedObjectsSpanLines() {
        String doc = "{\n  \"Date\": \"2020-09-30\",\n  \"Province\": \"Alberta\"\n}\n{\n  \"Date\": \"2020-10-01\",\n  \"Province\": \"Yukon\"\n}\n";
        List<Feeds.Outcome> rows = Feeds.read(doc, OPTS);
        assertThat(rows).hasSize(2).allMatch(Feeds.Outcome::accepted);
        assertThat(rows.get(1).line()).isEqualTo(5);
        assertThat(rows.get(1).values()[1]).isEqualTo("Yukon");
    }

    @Test
    void numbersAsStringsNullsAndUnknownFields() {
        RecordParser p = RecordParser.create(OPTS);
        Object[] v = Feeds.parseOne(p, "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"Confirmed\":\"12\",\"Recovered\":null,"
                + "\"Deaths\":\"N/A\",\"extra\":{\"deep\":[1,2,{\"x\":1}]}}");
        assertThat(v).containsExactly(LocalDate.of(2020, 9, 30), "A", 12L, null, null, null);
        RecordParser strict = RecordParser.create(OPTS.toBuilder().unknownFields(ParseOptions.FieldPolicy.REJECT).build());
        assertThat(Feeds.rejectOne(strict, "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"x\":1}").field()).isEqualTo("x");
    }

    @Test
    void wrongTypesAreRejectedPerField() {
        RecordParser p = RecordParser.create(OPTS);
        Rejection r = Feeds.rejectOne(p, "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"Confirmed\":1.5}");
        assertThat(r.field()).isEqualTo("Confirmed");
        assertThat(r.rawValue()).isEqualTo("1.5");
        assertThat(Feeds.rejectOne(p, "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"Confirmed\":{\"a\":1}}").detail())
                .isEqualTo("found a JSON object");
        assertThat(Feeds.rejectOne(p, "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"Deaths\":99999999999999999999}").reason())
                .isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(Feeds.rejectOne(p, "{\"Province\":\"A\"}").reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(Feeds.rejectOne(p, "{\"Date\":null,\"Province\":\"A\"}").reason()).isEqualTo(RejectReason.NULL_NOT_ALLOWED);
    }

    @Test
    void malformedRecordsAreIsolated() {
        String doc = ALBERTA + "\n{\"Date\":\"2020-09-30\",\"Province\":\"trunc\n" + "{\"Date\":\"2020-09-30\",\"Province\":\"cut\",\n"
                + "[1,2]\n" + "42\n" + "{\"Date\":\"2020-09-30\",\"Province\":\"A\"}}\n" + ALBERTA + "\n";
        List<Feeds.Outcome> rows = Feeds.read(doc, OPTS);
        assertThat(rows).extracting(o -> o.accepted() ? "ok" : o.rejection().reason().name())
                .containsExactly("ok", "MALFORMED_RECORD", "MALFORMED_RECORD", "MALFORMED_RECORD", "MALFORMED_RECORD", "ok",
                        "MALFORMED_RECORD", "ok");
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(4).rejection().detail()).contains("expected a JSON object, found a number");
        assertThat(rows.get(6).raw()).isEqualTo("}");
    }

    @Test
    void emptyAndWhitespaceOnlyInputs() {
        assertThat(Feeds.read("", OPTS)).isEmpty();
        assertThat(Feeds.read(" \n\t\r\n", OPTS)).isEmpty();
        assertThat(Feeds.read("[]", OPTS)).isEmpty();
        assertThat(Feeds.read("[ ]\n", OPTS)).isEmpty();
    }

    @Test
    void hugeTopLevelArrayStreamsInSmallMemory() throws Exception {
        // ~60 MB of JSON generated on the fly: the reader must never hold more than one record
        int n = 500_000;
        byte[] element = (ALBERTA + ",\n").getBytes(StandardCharsets.UTF_8);
        InputStream body = new InputStream() {
            long produced;
            final long total = (long) element.length * n;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (produced >= total) {
                    return -1;
                }
                int k = (int) Math.min(len, total - produced);
                for (int i = 0; i < k; i++) {
                    b[off + i] = element[(int) ((produced + i) % element.length)];
                }
                produced += k;
                return k;
            }
        };
        InputStream doc = new SequenceInputStream(Collections.enumeration(List.of(
                new java.io.ByteArrayInputStream("[".getBytes()), body, new java.io.ByteArrayInputStream("{}]".getBytes()))));
        Runtime rt = Runtime.getRuntime();
        long count = 0;
        long rejected = 0;
        TypedRow row = new TypedRow(OPTS.schema());
        try (FeedReader r = FeedReader.open(doc, OPTS)) {
            while (r.next(row)) {
                count++;
                if (r.rejection() != null) {
                    rejected++;
                }
            }
        }
        assertThat(count).isEqualTo(n + 1);
        assertThat(rejected).isEqualTo(1); // the trailing {} lacks required fields
        assertThat(rt.totalMemory()).isLessThan(512L << 20); // surefire runs this module with -Xmx512m
    }
}
