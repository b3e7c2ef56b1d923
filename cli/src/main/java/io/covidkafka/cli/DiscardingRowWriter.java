package io.covidkafka.cli;

import io.covidkafka.schema.RowWriter;

import java.math.BigDecimal;

/** Drops every value: for reading records only to count or check them (decoding is the check). */
final class DiscardingRowWriter implements RowWriter {
    static final DiscardingRowWriter INSTANCE = new DiscardingRowWriter();

    private DiscardingRowWriter() {
    }

    @Override public void setNull(int field) { }
    @Override public void setString(int field, char[] buf, int off, int len) { }
    @Override public void setInt(int field, int value) { }
    @Override public void setLong(int field, long value) { }
    @Override public void setDouble(int field, double value) { }
    @Override public void setBoolean(int field, boolean value) { }
    @Override public void setDecimal(int field, BigDecimal value) { }
    @Override public void setDate(int field, int epochDay) { }
    @Override public void setTimestamp(int field, long epochMicros) { }
}
