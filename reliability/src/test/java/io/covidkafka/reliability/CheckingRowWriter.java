package io.covidkafka.reliability;

import io.covidkafka.schema.DataType;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.RowWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * A RowWriter that checks the core's contract while it receives values: after {@code begin()}, exactly one setter
 * per field, of the field's type, never null for NOT NULL fields (checked by {@link #violation()} once a record
 * is accepted). It keeps a cheap fingerprint of the values so two parses of the same bytes can be compared.
 */
final class CheckingRowWriter implements RowWriter {

    private final RecordSchema schema;
    private final DataType.Kind[] kinds;
    private final int[] sets;
    private final boolean[] nulls;
    private String violation;
    private long fingerprint;

    CheckingRowWriter(RecordSchema schema) {
        this.schema = schema;
        this.kinds = new DataType.Kind[schema.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = schema.field(i).type().kind();
        }
        this.sets = new int[schema.size()];
        this.nulls = new boolean[schema.size()];
    }

    @Override
    public void begin() {
        Arrays.fill(sets, 0);
        Arrays.fill(nulls, false);
        violation = null;
        fingerprint = 17;
    }

    /** Null when the record just accepted honoured the contract, else what was wrong. */
    String violation() {
        if (violation != null) {
            return violation;
        }
        for (int i = 0; i < sets.length; i++) {
            if (sets[i] != 1) {
                return "field " + schema.field(i).name() + " was set " + sets[i] + " times";
            }
            if (nulls[i] && !schema.field(i).nullable()) {
                return "NOT NULL field " + schema.field(i).name() + " accepted as null";
            }
        }
        return null;
    }

    long fingerprint() {
        return fingerprint;
    }

    private void set(int field, DataType.Kind expected, long valueHash) {
        if (field < 0 || field >= sets.length) {
            violation = "setter called with field index " + field;
            return;
        }
        sets[field]++;
        if (expected != null && kinds[field] != expected) {
            violation = "field " + schema.field(field).name() + " (" + kinds[field] + ") received a " + expected;
        }
        fingerprint = fingerprint * 31 + field * 1_000_003L + valueHash;
    }

    @Override
    public void setNull(int field) {
        set(field, null, -1);
        if (field >= 0 && field < nulls.length) {
            nulls[field] = true;
        }
    }

    @Override
    public void setString(int field, char[] buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.length) {
            violation = "string range out of its buffer";
            return;
        }
        long h = 1;
        for (int i = off; i < off + len; i++) {
            h = h * 31 + buf[i];
        }
        set(field, DataType.Kind.STRING, h);
    }

    @Override
    public void setInt(int field, int value) {
        set(field, DataType.Kind.INT, value);
    }

    @Override
    public void setLong(int field, long value) {
        set(field, DataType.Kind.BIGINT, value);
    }

    @Override
    public void setDouble(int field, double value) {
        set(field, DataType.Kind.DOUBLE, Double.doubleToLongBits(value));
    }

    @Override
    public void setBoolean(int field, boolean value) {
        set(field, DataType.Kind.BOOLEAN, value ? 1 : 2);
    }

    @Override
    public void setDecimal(int field, BigDecimal value) {
        set(field, DataType.Kind.DECIMAL, Objects.hashCode(value));
        if (value == null) {
            violation = "null decimal passed to setDecimal";
        } else if (value.scale() != schema.field(field).type().scale()
                || value.precision() > schema.field(field).type().precision()) {
            violation = "decimal " + value + " does not fit " + schema.field(field).type().sql();
        }
    }

    @Override
    public void setDate(int field, int epochDay) {
        set(field, DataType.Kind.DATE, epochDay);
    }

    @Override
    public void setTimestamp(int field, long epochMicros) {
        set(field, DataType.Kind.TIMESTAMP, epochMicros);
    }
}
