package io.covidkafka.schema;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads a whole feed and keeps each record's outcome and position. */
final class Feeds {

    record Outcome(Object[] values, Rejection rejection, long line, long offset, long end, long endLine, String raw) {
        boolean accepted() {
            return rejection == null;
        }
    }

    private Feeds() {
    }

    static List<Outcome> read(String content, ParseOptions options) {
        return read(content.getBytes(StandardCharsets.UTF_8), options, 0, 1);
    }

    static List<Outcome> read(byte[] content, ParseOptions options, long resumeOffset, long resumeLine) {
        return read(new ByteArrayInputStream(content), options, resumeOffset, resumeLine);
    }

    static List<Outcome> read(InputStream in, ParseOptions options, long resumeOffset, long resumeLine) {
        List<Outcome> out = new ArrayList<>();
        TypedRow row = new TypedRow(options.schema());
        try (FeedReader r = FeedReader.open(in, options, resumeOffset, resumeLine)) {
            while (r.next(row)) {
                out.add(new Outcome(r.rejection() == null ? row.values() : null, r.rejection(), r.recordLine(),
                        r.recordOffset(), r.endOffset(), r.endLine(), new String(r.raw(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Object[] parseOne(RecordParser parser, String record) {
        TypedRow row = new TypedRow(parser.options().schema());
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        Rejection r = parser.parse(b, 0, b.length, row);
        if (r != null) {
            throw new AssertionError("rejected: " + r.message());
        }
        return row.values();
    }

    static Rejection rejectOne(RecordParser parser, String record) {
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        Rejection r = parser.parse(b, 0, b.length, new TypedRow(parser.options().schema()));
        if (r == null) {
            throw new AssertionError("accepted, expected a rejection: " + record);
        }
        return r;
    }
}
