package io.covidkafka.schema;

import java.math.BigDecimal;

/**
 * Receives the typed values of one record, field by field, straight from the parser. Implementations write
 * them into whatever the caller needs (a Connect {@code Struct}, a Spark {@code InternalRow}, JSON) without
 * an intermediate object per record. Indexes are schema field indexes.
 *
 * <p>The parser calls {@link #begin()} first, then exactly one setter per schema field, in no set order. A record
 * rejected half-way leaves the writer with partial values: callers that keep rows must reset on {@code begin()}.
 */
public interface RowWriter {

    /** A new record starts. */
    default void begin() {
    }

    void setNull(int field);

    /** A STRING value as characters {@code buf[off, off+len)}; the buffer is reused after the call returns. */
    void setString(int field, char[] buf, int off, int len);

    void setInt(int field, int value);

    void setLong(int field, long value);

    void setDouble(int field, double value);

    void setBoolean(int field, boolean value);

    /** A DECIMAL value, already at the field's scale and within its precision. */
    void setDecimal(int field, BigDecimal value);

    /** A DATE value as days since 1970-01-01. */
    void setDate(int field, int epochDay);

    /** A TIMESTAMP value as microseconds since 1970-01-01T00:00:00Z. */
    void setTimestamp(int field, long epochMicros);
}
