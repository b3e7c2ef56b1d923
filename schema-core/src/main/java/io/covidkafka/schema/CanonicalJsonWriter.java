package io.covidkafka.schema;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Writes a record as the canonical JSON every part of covid-kafka reads back with the default settings:
 * one object, fields in schema order, DATE as {@code yyyy-MM-dd}, TIMESTAMP as ISO-8601 UTC
 * ({@code 2020-09-30T12:00:00Z}, fraction only when present), DECIMAL as a plain JSON number, nulls as {@code null}.
 * The connector's converter, the Spark sink and {@code validate --output} all produce this form.
 *
 * <p>Reused per thread: {@link #begin()} clears it, setters record values, {@link #toBytes()} or
 * {@link #writeTo(byte[], int)} encodes. Field values are kept by index, so setters may come in any order.
 */
public final class CanonicalJsonWriter implements RowWriter {

    private final byte[][] keys; // "name": pre-encoded
    private final Object[] values;
    private final boolean[] set;
    private byte[] out = new byte[512];
    private int len;

    public CanonicalJsonWriter(RecordSchema schema) {
        keys = new byte[schema.size()][];
        for (int i = 0; i < keys.length; i++) {
            StringBuilder sb = new StringBuilder();
            appendQuoted(sb, schema.field(i).name());
            keys[i] = (sb + ":").getBytes(StandardCharsets.UTF_8);
        }
        values = new Object[keys.length];
        set = new boolean[keys.length];
    }

    @Override
    public void begin() {
        Arrays.fill(values, null);
        Arrays.fill(set, false);
    }

    @Override
    public void setNull(int field) {
        put(field, null);
    }

    @Override
    public void setString(int field, char[] buf, int off, int len) {
        put(field, new String(buf, off, len));
    }

    public void setString(int field, String value) {
        put(field, value);
    }

    @Override
    public void setInt(int field, int value) {
        put(field, value);
    }

    @Override
    public void setLong(int field, long value) {
        put(field, value);
    }

    @Override
    public void setDouble(int field, double value) {
        put(field, value);
    }

    @Override
    public void setBoolean(int field, boolean value) {
        put(field, value);
    }

    @Override
    public void setDecimal(int field, BigDecimal value) {
        put(field, value);
    }

    @Override
    public void setDate(int field, int epochDay) {
        put(field, LocalDate.ofEpochDay(epochDay));
    }

    @Override
    public void setTimestamp(int field, long epochMicros) {
        put(field, Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L));
    }

    private void put(int field, Object value) {
        values[field] = value;
        set[field] = true;
    }

    /** The encoded object; unset fields are written as null. */
    public byte[] toBytes() {
        encode();
        return Arrays.copyOf(out, len);
    }

    /** The encoded object as text. */
    @Override
    public String toString() {
        encode();
        return new String(out, 0, len, StandardCharsets.UTF_8);
    }

    private void encode() {
        len = 0;
        append((byte) '{');
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                append((byte) ',');
            }
            append(keys[i]);
            Object v = values[i];
            text.setLength(0);
            if (v == null) {
                text.append("null");
            } else if (v instanceof String s) {
                appendQuoted(text, s);
            } else if (v instanceof Double d) {
                text.append(d.isNaN() || d.isInfinite() ? "\"" + d + "\"" : d.toString());
            } else if (v instanceof BigDecimal b) {
                text.append(b.toPlainString());
            } else if (v instanceof LocalDate || v instanceof Instant) {
                text.append('"').append(v).append('"');
            } else {
                text.append(v);
            }
            append(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        append((byte) '}');
    }

    private void append(byte b) {
        if (len == out.length) {
            out = Arrays.copyOf(out, len * 2);
        }
        out[len++] = b;
    }

    private void append(byte[] b) {
        if (len + b.length > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, len + b.length));
        }
        System.arraycopy(b, 0, out, len, b.length);
        len += b.length;
    }

    /** Appends a JSON string literal with the escapes RFC 8259 requires. */
    public static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
