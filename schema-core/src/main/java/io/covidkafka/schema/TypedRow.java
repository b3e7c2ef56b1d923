package io.covidkafka.schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A {@link RowWriter} that keeps values as plain Java objects: {@code String}, {@code Integer}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code BigDecimal}, {@code LocalDate} (DATE) and {@code Instant} (TIMESTAMP).
 * For tests, the command line and other places where per-record objects are fine.
 */
public final class TypedRow implements RowWriter {

    private final Object[] values;

    public TypedRow(RecordSchema schema) {
        this.values = new Object[schema.size()];
    }

    @Override
    public void begin() {
        Arrays.fill(values, null);
    }

    @Override
    public void setNull(int field) {
        values[field] = null;
    }

    @Override
    public void setString(int field, char[] buf, int off, int len) {
        values[field] = new String(buf, off, len);
    }

    @Override
    public void setInt(int field, int value) {
        values[field] = value;
    }

    @Override
    public void setLong(int field, long value) {
        values[field] = value;
    }

    @Override
    public void setDouble(int field, double value) {
        values[field] = value;
    }

    @Override
    public void setBoolean(int field, boolean value) {
        values[field] = value;
    }

    @Override
    public void setDecimal(int field, BigDecimal value) {
        values[field] = value;
    }

    @Override
    public void setDate(int field, int epochDay) {
        values[field] = LocalDate.ofEpochDay(epochDay);
    }

    @Override
    public void setTimestamp(int field, long epochMicros) {
        values[field] = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L);
    }

    public Object get(int field) {
        return values[field];
    }

    /** A copy of the current values. */
    public Object[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
