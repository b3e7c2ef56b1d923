package io.covidkafka.connect;

import io.covidkafka.schema.RowWriter;
import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Receives typed values from the parser and writes them straight into a fresh Connect {@link Struct}
 * (no intermediate map). DATE becomes a {@code java.util.Date} at UTC midnight, TIMESTAMP a millisecond
 * {@code java.util.Date} (Connect's Timestamp has millisecond precision: microseconds are truncated).
 */
final class StructRowWriter implements RowWriter {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final Schema schema;
    private final Field[] fields;
    private Struct struct;

    StructRowWriter(Schema schema) {
        this.schema = schema;
        List<Field> fs = schema.fields();
        this.fields = fs.toArray(new Field[0]);
    }

    @Override
    public void begin() {
        struct = new Struct(schema);
    }

    /** The struct of the last accepted record; a new one is started on the next {@link #begin()}. */
    Struct struct() {
        return struct;
    }

    @Override
    public void setNull(int field) {
        // Required fields never get a null here: the parser rejects the row with NULL_NOT_ALLOWED first.
        if (fields[field].schema().isOptional()) {
            struct.put(fields[field], null);
        }
    }

    @Override
    public void setString(int field, char[] buf, int off, int len) {
        struct.put(fields[field], new String(buf, off, len));
    }

    @Override
    public void setInt(int field, int value) {
        struct.put(fields[field], value);
    }

    @Override
    public void setLong(int field, long value) {
        struct.put(fields[field], value);
    }

    @Override
    public void setDouble(int field, double value) {
        struct.put(fields[field], value);
    }

    @Override
    public void setBoolean(int field, boolean value) {
        struct.put(fields[field], value);
    }

    @Override
    public void setDecimal(int field, BigDecimal value) {
        struct.put(fields[field], value);
    }

    @Override
    public void setDate(int field, int epochDay) {
        struct.put(fields[field], new java.util.Date(epochDay * MILLIS_PER_DAY));
    }

    @Override
    public void setTimestamp(int field, long epochMicros) {
        struct.put(fields[field], new java.util.Date(Math.floorDiv(epochMicros, 1000L)));
    }
}
