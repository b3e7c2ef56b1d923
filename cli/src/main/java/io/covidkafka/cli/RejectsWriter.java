package io.covidkafka.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.Rejection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes each rejected record as a JSON line: input, line, offset, reason, field, value, expected, message, raw. */
final class RejectsWriter implements AutoCloseable {
    private final JsonGenerator gen;

    RejectsWriter(OutputStream out) throws IOException {
        gen = new JsonFactory().createGenerator(out);
        gen.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
    }

    void write(String input, FeedReader reader, Rejection r) throws IOException {
        int len = reader.rawLength();
        byte[] buf = reader.rawBuffer();
        int off = reader.rawOffset();
        while (len > 0 && (buf[off + len - 1] == '\n' || buf[off + len - 1] == '\r')) {
            len--;
        }
        gen.writeStartObject();
        gen.writeStringField("input", input);
        gen.writeNumberField("line", r.line());
        gen.writeNumberField("offset", r.byteOffset());
        gen.writeStringField("reason", r.reason().name());
        gen.writeStringField("field", r.field());
        gen.writeStringField("value", r.rawValue());
        gen.writeStringField("expected", r.expectedType());
        gen.writeStringField("message", r.message());
        gen.writeStringField("raw", new String(buf, off, len, StandardCharsets.UTF_8));
        gen.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        gen.writeRaw('\n');
        gen.close();
    }
}
