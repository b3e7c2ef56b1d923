package io.covidkafka.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CRLF whose CR is the last byte a read delivered: the reader must fetch more input to consume the LF without
 * losing the record's bounds (it once re-sliced the record to include the line end and the next row's start, so
 * the last field read "12\r\n2020-01-10"; a Kafka Connect resume hit it at the offset where the CR fell on a
 * buffer edge).
 */
class LineEndAtBufferEdgeTest {

    /** Delivers the content in reads that each end right after a CR, so every CR lands at a buffer edge. */
    private static final class SplitAfterCr extends InputStream {
        private final byte[] b;
        private int pos;

        SplitAfterCr(byte[] b) {
            this.b = b;
        }

        @Override
        public int read() {
            return pos < b.length ? b[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] out, int off, int len) {
            if (pos >= b.length) {
                return -1;
            }
            int n = 0;
            while (n < len && pos < b.length) {
                byte c = b[pos++];
                out[off + n++] = c;
                if (c == '\r') {
                    break;
                }
            }
            return n;
        }
    }

    private static String csv(int rows) {
        StringBuilder sb = new StringBuilder("Date,Province,Confirmed,Recovered,Deaths,NumberToday");
        for (int i = 0; i < rows; i++) {
            sb.append("\r\n2020-01-").append(String.format("%02d", 1 + i % 28)).append(",Qu\u00e9bec,").append(i)
                    .append(',').append(i / 2).append(',').append(i % 97).append(',').append(i % 13);
        }
        return sb.toString();
    }

    private static List<String> read(InputStream in, long resumeOffset, long resumeLine) throws IOException {
        List<String> out = new ArrayList<>();
        TypedRow row = new TypedRow(RecordSchema.covid());
        try (FeedReader r = FeedReader.open(in, ParseOptions.builder().build(), resumeOffset, resumeLine)) {
            while (r.next(row)) {
                assertThat(r.rejection()).as("line %d: %s", r.recordLine(), new String(r.raw(), StandardCharsets.UTF_8)).isNull();
                assertThat(new String(r.raw(), StandardCharsets.UTF_8)).doesNotContain("\r").doesNotContain("\n");
                out.add(r.recordLine() + ":" + row.get(2));
            }
        }
        return out;
    }

    @Test
    void everyCrAtABufferEdgeStillEndsItsRecordExactly() throws IOException {
        byte[] content = csv(3000).getBytes(StandardCharsets.UTF_8);
        List<String> plain = read(new ByteArrayInputStream(content), 0, 1);
        List<String> split = read(new SplitAfterCr(content), 0, 1);
        assertThat(plain).hasSize(3000);
        assertThat(split).isEqualTo(plain);
        assertThat(split.get(2999)).isEqualTo("3001:2999");
    }

    @Test
    void resumingWithCrsAtBufferEdgesContinuesExactly() throws IOException {
        byte[] content = csv(500).getBytes(StandardCharsets.UTF_8);
        long resumeAt;
        long resumeLine;
        try (FeedReader r = FeedReader.open(new ByteArrayInputStream(content), ParseOptions.builder().build())) {
            TypedRow row = new TypedRow(RecordSchema.covid());
            for (int i = 0; i < 200; i++) {
                assertThat(r.next(row)).isTrue();
            }
            resumeAt = r.endOffset();
            resumeLine = r.endLine();
        }
        List<String> rest = read(new SplitAfterCr(content), resumeAt, resumeLine);
        assertThat(rest).hasSize(300);
        assertThat(rest.get(0)).isEqualTo("202:200");
    }
}
