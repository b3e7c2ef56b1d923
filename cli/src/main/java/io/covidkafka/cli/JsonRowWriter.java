package io.covidkafka.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.RowWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes accepted records as JSON lines (ISO dates and timestamps) straight from the parser's callbacks: no
 * per-record map. A record is generated into a reused buffer and copied out only once it is known to be
 * accepted, because a rejected record may already have set some fields.
 */
final class JsonRowWriter implements RowWriter, AutoCloseable {

    private final OutputStream out;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
    private final JsonGenerator gen;
    private final SerializedString[] names;
    private boolean open;

    JsonRowWriter(OutputStream out, RecordSchema schema) throws IOException {
        this.out = out;
        JsonFactory factory = JsonFactory.builder().build();
        this.gen = factory.createGenerator(buffer);
        this.gen.setRootValueSeparator(null);
        this.names = new SerializedString[schema.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = new SerializedString(schema.field(i).name());
        }
    }

    @Override
    public void begin() {
        try {
            closeObject();
            buffer.reset();
            gen.writeStartObject();
            open = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the current record: written out when accepted, dropped when rejected. */
    void finish(boolean accepted) throws IOException {
        closeObject();
        if (accepted) {
            byte[] b = buffer.toByteArray();
            out.write(b);
            out.write('\n');
        }
        buffer.reset();
    }

    private void closeObject() throws IOException {
        if (open) {
            gen.writeEndObject();
            gen.flush();
            open = false;
        }
    }

    private JsonGenerator field(int i) {
        try {
            gen.writeFieldName(names[i]);
            return gen;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setNull(int field) {
        try {
            field(field).writeNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setString(int field, char[] buf, int off, int len) {
        try {
            field(field).writeString(buf, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setInt(int field, int value) {
        try {
            field(field).writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setLong(int field, long value) {
        try {
            field(field).writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setDouble(int field, double value) {
        try {
            field(field).writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setBoolean(int field, boolean value) {
        try {
            field(field).writeBoolean(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setDecimal(int field, BigDecimal value) {
        try {
            field(field).writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setDate(int field, int epochDay) {
        try {
            field(field).writeString(LocalDate.ofEpochDay(epochDay).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setTimestamp(int field, long epochMicros) {
        try {
            Instant t = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L);
            field(field).writeString(t.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        gen.close();
        out.close();
    }
}
