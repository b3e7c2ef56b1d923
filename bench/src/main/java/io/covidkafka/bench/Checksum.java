package io.covidkafka.bench;

import io.covidkafka.schema.RowWriter;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Consumes typed covid rows so the JIT cannot drop the parsing, and folds them into one number so two parsers can be
 * shown to have produced the same values: the schema core's {@link RowWriter} callbacks and the Jackson variants'
 * typed objects go through the same {@link #fold} in schema field order.
 */
final class Checksum implements RowWriter {

    private static final long NULL = 0x9E3779B97F4A7C15L;

    private final long[] values;
    private long sum;
    private long rows;

    Checksum(int fields) {
        values = new long[fields];
    }

    long sum() {
        return sum;
    }

    long rows() {
        return rows;
    }

    /** The current record is complete and accepted: fold its values in field order. */
    void endRecord() {
        long h = 17;
        for (long v : values) {
            h = h * 31 + v;
        }
        sum += h;
        rows++;
    }

    /** The same fold, for values a peer parser produced (Date, Province, Confirmed, Recovered, Deaths, NumberToday). */
    void fold(LocalDate date, String province, Long confirmed, Long recovered, Long deaths, Long today) {
        values[0] = date == null ? NULL : date.toEpochDay();
        values[1] = province == null ? NULL : province.hashCode();
        values[2] = confirmed == null ? NULL : confirmed;
        values[3] = recovered == null ? NULL : recovered;
        values[4] = deaths == null ? NULL : deaths;
        values[5] = today == null ? NULL : today;
        endRecord();
    }

    @Override
    public void setNull(int field) {
        values[field] = NULL;
    }

    @Override
    public void setString(int field, char[] buf, int off, int len) {
        int h = 0; // String.hashCode of the same characters
        for (int i = off; i < off + len; i++) {
            h = 31 * h + buf[i];
        }
        values[field] = h;
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
        values[field] = Double.doubleToLongBits(value);
    }

    @Override
    public void setBoolean(int field, boolean value) {
        values[field] = value ? 1 : 0;
    }

    @Override
    public void setDecimal(int field, BigDecimal value) {
        values[field] = value.hashCode();
    }

    @Override
    public void setDate(int field, int epochDay) {
        values[field] = epochDay;
    }

    @Override
    public void setTimestamp(int field, long epochMicros) {
        values[field] = epochMicros;
    }
}
