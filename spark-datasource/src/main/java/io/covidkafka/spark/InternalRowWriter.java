package io.covidkafka.spark;

import io.covidkafka.schema.RowWriter;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

import java.math.BigDecimal;

/**
 * Receives the schema core's typed values straight into a reused Spark row: strings become {@link UTF8String}
 * (encoded once from the parser's chars), dates int days, timestamps long micros, decimals {@link Decimal}.
 * No per-record map, no boxing of numbers (the row is a {@code SpecificInternalRow}).
 */
final class InternalRowWriter implements RowWriter {

    private final InternalRow row;
    private final int fieldCount;
    private byte[] scratch = new byte[256];

    InternalRowWriter(InternalRow row, int fieldCount) {
        this.row = row;
        this.fieldCount = fieldCount;
    }

    @Override
    public void begin() {
        // a rejected record may have left values behind
        for (int i = 0; i < fieldCount; i++) {
            row.setNullAt(i);
        }
    }

    @Override
    public void setNull(int field) {
        row.setNullAt(field);
    }

    @Override
    public void setString(int field, char[] buf, int off, int len) {
        row.update(field, utf8(buf, off, len));
    }

    @Override
    public void setInt(int field, int value) {
        row.setInt(field, value);
    }

    @Override
    public void setLong(int field, long value) {
        row.setLong(field, value);
    }

    @Override
    public void setDouble(int field, double value) {
        row.setDouble(field, value);
    }

    @Override
    public void setBoolean(int field, boolean value) {
        row.setBoolean(field, value);
    }

    @Override
    public void setDecimal(int field, BigDecimal value) {
        row.update(field, Decimal.apply(value));
    }

    @Override
    public void setDate(int field, int epochDay) {
        row.setInt(field, epochDay);
    }

    @Override
    public void setTimestamp(int field, long epochMicros) {
        row.setLong(field, epochMicros);
    }

    /** UTF-8 encodes chars (surrogate pairs included) into a right-sized array the row owns. */
    private UTF8String utf8(char[] buf, int off, int len) {
        if (scratch.length < len * 3) {
            scratch = new byte[Math.max(len * 3, scratch.length * 2)];
        }
        byte[] s = scratch;
        int n = 0;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = buf[i];
            if (c < 0x80) {
                s[n++] = (byte) c;
            } else if (c < 0x800) {
                s[n++] = (byte) (0xC0 | (c >> 6));
                s[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(buf[i + 1])) {
                int cp = Character.toCodePoint(c, buf[++i]);
                s[n++] = (byte) (0xF0 | (cp >> 18));
                s[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                s[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                s[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                s[n++] = (byte) (0xE0 | (c >> 12));
                s[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                s[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        byte[] owned = new byte[n];
        System.arraycopy(s, 0, owned, 0, n);
        return UTF8String.fromBytes(owned);
    }
}
