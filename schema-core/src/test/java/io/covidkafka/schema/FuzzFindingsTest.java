package io.covidkafka.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs the reliability suite's fuzzing found mishandled, pinned down here where the fix lives. */
class FuzzFindingsTest {

    private static final ParseOptions JSON = ParseOptions.builder().format(FeedFormat.JSON).build();

    @Test
    void aRepeatedJsonFieldIsTreatedAsUnknownFirstOneWinsAsForCsvColumns() {
        // before: the RowWriter got two setters for Date (writers that append, like the CLI's, wrote it twice)
        String doc = "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"Date\":\"2021-01-01\"}";
        Object[] v = Feeds.parseOne(RecordParser.create(JSON), doc);
        assertThat(v[0]).isEqualTo(java.time.LocalDate.of(2020, 9, 30));
        int[] sets = new int[6];
        RowWriter counting = new RowWriter() {
            @Override
            public void setNull(int field) {
                sets[field]++;
            }

            @Override
            public void setString(int field, char[] buf, int off, int len) {
                sets[field]++;
            }

            @Override
            public void setInt(int field, int value) {
                sets[field]++;
            }

            @Override
            public void setLong(int field, long value) {
                sets[field]++;
            }

            @Override
            public void setDouble(int field, double value) {
                sets[field]++;
            }

            @Override
            public void setBoolean(int field, boolean value) {
                sets[field]++;
            }

            @Override
            public void setDecimal(int field, java.math.BigDecimal value) {
                sets[field]++;
            }

            @Override
            public void setDate(int field, int epochDay) {
                sets[field]++;
            }

            @Override
            public void setTimestamp(int field, long epochMicros) {
                sets[field]++;
            }
        };
        byte[] b = doc.getBytes(StandardCharsets.UTF_8);
        assertThat(RecordParser.create(JSON).parse(b, 0, b.length, counting)).isNull();
        assertThat(sets).containsOnly(1);

        RecordParser strict = RecordParser.create(JSON.toBuilder().unknownFields(ParseOptions.FieldPolicy.REJECT).build());
        Rejection r = Feeds.rejectOne(strict, doc);
        assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_FIELD);
        assertThat(r.field()).isEqualTo("Date");
    }

    @Test
    void aCarriageReturnBeforeAClosingBraceDoesNotSwallowTheNextLineFeed() {
        // "\r" then "}" then "\n" are two line breaks; a resumed read counted them right, a full read did not
        String doc = "{\"Date\":\"2020-09-30\",\"Province\":\"A\"\r}\n{\"Date\":\"2020-09-30\",\"Province\":\"B\"}\n";
        List<Feeds.Outcome> all = Feeds.read(doc, JSON);
        assertThat(all.get(1).line()).isEqualTo(3);
        List<Feeds.Outcome> resumed = Feeds.read(doc.getBytes(StandardCharsets.UTF_8), JSON, all.get(0).end(),
                all.get(0).endLine());
        assertThat(resumed.get(0).line()).isEqualTo(3);
    }

    @Test
    void resumingAfterATopLevelArrayClosedEarlyFramesTheRestAsAFullReadDoes() {
        // the array closes after two elements; the junk comma after a later record is then a record of its own
        String doc = "[1,2]\n{\"Date\":\"2020-09-30\",\"Province\":\"A\"},\n{\"Date\":\"2020-09-30\",\"Province\":\"B\"}\n";
        List<Feeds.Outcome> all = Feeds.read(doc, JSON);
        assertThat(all).extracting(o -> o.accepted() ? "ok" : o.rejection().reason().name())
                .containsExactly("MALFORMED_RECORD", "MALFORMED_RECORD", "ok", "MALFORMED_RECORD", "ok");
        Feeds.Outcome third = all.get(2);
        List<Feeds.Outcome> resumed = Feeds.read(doc.getBytes(StandardCharsets.UTF_8), JSON, third.end(),
                third.endLine());
        assertThat(resumed).extracting(o -> o.accepted() ? "ok" : o.rejection().reason().name())
                .containsExactly("MALFORMED_RECORD", "ok");
        assertThat(resumed.get(1).offset()).isEqualTo(all.get(4).offset());
    }

    /** Hands out at most {@code step} bytes per read, so every byte position can be the end of a buffer fill. */
    private static java.io.InputStream trickle(byte[] content, int step) {
        return new java.io.ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    @Test
    void framingDoesNotDependOnWhereTheStreamIsCut() {
        // a CR as the last byte of a buffer fill: the LF after it was read in a fill that moved the frame, and the
        // frame's end index was not moved with it, so the record swallowed the next line ("7\r\n2020-08-01")
        StringBuilder sb = new StringBuilder("name,n,note");
        for (int i = 0; i < 300; i++) {
            sb.append("\r\n\"q, ").append(i).append("\",").append(i).append(",x");
        }
        ParseOptions opts = ParseOptions.builder().schema("name STRING, n BIGINT, note STRING").build();
        byte[] content = sb.toString().getBytes(StandardCharsets.UTF_8);
        List<Feeds.Outcome> whole = Feeds.read(content, opts, 0, 1);
        assertThat(whole).hasSize(300).allMatch(Feeds.Outcome::accepted);
        for (int step : new int[] {1, 2, 3, 7, 64}) {
            List<Feeds.Outcome> cut = Feeds.read(trickle(content, step), opts, 0, 1);
            assertThat(cut).as("read %d bytes at a time", step).hasSize(300).allMatch(Feeds.Outcome::accepted);
            for (int i = 0; i < 300; i++) {
                assertThat(cut.get(i).values()).as("record %d, %d bytes at a time", i, step)
                        .containsExactly(whole.get(i).values());
                assertThat(cut.get(i).end()).isEqualTo(whole.get(i).end());
            }
        }
    }

    @Test
    void aByteOrderMarkIsSkippedEvenWhenTheFirstReadReturnsLessOfIt() {
        // the BOM was only recognised when the first read() returned at least its 3 bytes
        byte[] content = "\uFEFFname,n,note\nx,1,y\n".getBytes(StandardCharsets.UTF_8);
        ParseOptions opts = ParseOptions.builder().schema("name STRING, n BIGINT, note STRING").build();
        for (int step : new int[] {1, 2}) {
            List<Feeds.Outcome> rows = Feeds.read(trickle(content, step), opts, 0, 1);
            assertThat(rows).as("%d bytes at a time", step).hasSize(1);
            assertThat(rows.get(0).values()).containsExactly("x", 1L, "y");
        }
    }
}
