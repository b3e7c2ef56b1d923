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

    /** Replays the current values into another writer (e.g. a {@link CanonicalJsonWriter}), as the parser wrote them. */
    public void writeTo(RowWriter out) {
        out.begin();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                out.setNull(i);
            } else if (v instanceof String s) {
                out.setString(i, s.toCharArray(), 0, s.length());
            } else if (v instanceof Integer n) {
                out.setInt(i, n);
            } else if (v instanceof Long n) {
                out.setLong(i, n);
            } else if (v instanceof Double d) {
                out.setDouble(i, d);
            } else if (v instanceof Boolean b) {
                out.setBoolean(i, b);
            } else if (v instanceof java.math.BigDecimal d) {
                out.setDecimal(i, d);
            } else if (v instanceof LocalDate d) {
                out.setDate(i, Math.toIntExact(d.toEpochDay()));
            } else {
                Instant t = (Instant) v;
                out.setTimestamp(i, Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000));
            }
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
