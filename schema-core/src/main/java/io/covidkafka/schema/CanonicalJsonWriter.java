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
 * <p>Reused per thread: {@link #begin()} clears it, setters encode each value straight to UTF-8 bytes (no String
 * or boxed value per field), {@link #toBytes()} joins them in schema order, so setters may come in any order.
 */
public final class CanonicalJsonWriter implements RowWriter {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[][] keys; // "name": pre-encoded
    // Each value is encoded into `values` as it is set (setters may come in any order: a CSV's columns need not
    // follow the schema); valueStart/valueLen locate it, -1 = not set. toBytes() joins them in schema order.
    private final int[] valueStart;
    private final int[] valueLen;
    private byte[] values = new byte[256];
    private int valuesLen;
    private byte[] out = new byte[512];
    private int len;

    public CanonicalJsonWriter(RecordSchema schema) {
        keys = new byte[schema.size()][];
        for (int i = 0; i < keys.length; i++) {
            StringBuilder sb = new StringBuilder();
            appendQuoted(sb, schema.field(i).name());
            keys[i] = (sb + ":").getBytes(StandardCharsets.UTF_8);
        }
        valueStart = new int[keys.length];
        valueLen = new int[keys.length];
        Arrays.fill(valueLen, -1);
    }

    @Override
    public void begin() {
        Arrays.fill(valueLen, -1);
        valuesLen = 0;
    }

    @Override
    public void setNull(int field) {
        int at = open(field, 4);
        System.arraycopy(NULL, 0, values, at, 4);
        close(field, at + 4);
    }

    @Override
    public void setString(int field, char[] buf, int off, int len) {
        int at = open(field, len + 2);
        values[at++] = '"';
        for (int i = off, end = off + len; i < end; i++) {
            char c = buf[i];
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                values[at++] = (byte) c; // room: open() reserved one byte per char
            } else {
                valuesLen = at;
                at = appendEscaped(c, i + 1 < end ? buf[i + 1] : 0, end - i);
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(buf[i + 1])) {
                    i++;
                }
            }
        }
        ensure(at, 1);
        values[at++] = '"';
        close(field, at);
    }

    public void setString(int field, String value) {
        int n = value.length();
        int at = open(field, n + 2);
        values[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                values[at++] = (byte) c;
            } else {
                valuesLen = at;
                at = appendEscaped(c, i + 1 < n ? value.charAt(i + 1) : 0, n - i);
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                }
            }
        }
        ensure(at, 1);
        values[at++] = '"';
        close(field, at);
    }

    @Override
    public void setInt(int field, int value) {
        setLong(field, value);
    }

    @Override
    public void setLong(int field, long value) {
        int at = open(field, DecimalText.MAX_LENGTH);
        close(field, DecimalText.write(value, values, at));
    }

    @Override
    public void setDouble(int field, double value) {
        String text = Double.toString(value);
        setAscii(field, Double.isNaN(value) || Double.isInfinite(value) ? '"' + text + '"' : text);
    }

    @Override
    public void setBoolean(int field, boolean value) {
        setAscii(field, value ? "true" : "false");
    }

    @Override
    public void setDecimal(int field, BigDecimal value) {
        setAscii(field, value.toPlainString());
    }

    @Override
    public void setDate(int field, int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            setAscii(field, '"' + d.toString() + '"'); // ISO's signed, wider years
            return;
        }
        int at = open(field, 12);
        byte[] v = values;
        v[at] = '"';
        v[at + 1] = (byte) ('0' + year / 1000);
        v[at + 2] = (byte) ('0' + year / 100 % 10);
        v[at + 3] = (byte) ('0' + year / 10 % 10);
        v[at + 4] = (byte) ('0' + year % 10);
        v[at + 5] = '-';
        v[at + 6] = (byte) ('0' + d.getMonthValue() / 10);
        v[at + 7] = (byte) ('0' + d.getMonthValue() % 10);
        v[at + 8] = '-';
        v[at + 9] = (byte) ('0' + d.getDayOfMonth() / 10);
        v[at + 10] = (byte) ('0' + d.getDayOfMonth() % 10);
        v[at + 11] = '"';
        close(field, at + 12);
    }

    @Override
    public void setTimestamp(int field, long epochMicros) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L);
        setAscii(field, '"' + t.toString() + '"');
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
        int size = 2 + keys.length;
        for (int i = 0; i < keys.length; i++) {
            size += keys[i].length + (valueLen[i] < 0 ? 4 : valueLen[i]);
        }
        if (size > out.length) {
            out = new byte[Math.max(size, out.length * 2)];
        }
        byte[] o = out;
        int at = 0;
        o[at++] = '{';
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                o[at++] = ',';
            }
            System.arraycopy(keys[i], 0, o, at, keys[i].length);
            at += keys[i].length;
            if (valueLen[i] < 0) {
                System.arraycopy(NULL, 0, o, at, 4);
                at += 4;
            } else {
                System.arraycopy(values, valueStart[i], o, at, valueLen[i]);
                at += valueLen[i];
            }
        }
        o[at++] = '}';
        len = at;
    }

    /** Starts the value of {@code field} with room for {@code room} bytes; returns where it starts. */
    private int open(int field, int room) {
        ensure(valuesLen, room);
        valueStart[field] = valuesLen;
        return valuesLen;
    }

    private void close(int field, int end) {
        valueLen[field] = end - valueStart[field];
        valuesLen = end;
    }

    private void ensure(int at, int room) {
        if (at + room > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, at + room));
        }
    }

    private void setAscii(int field, String text) {
        int n = text.length();
        int at = open(field, n);
        for (int i = 0; i < n; i++) {
            values[at + i] = (byte) text.charAt(i);
        }
        close(field, at + n);
    }

    /**
     * Writes the char {@code c} (not plain ASCII, or a quote or backslash) at {@code valuesLen}, JSON-escaped or
     * UTF-8 encoded ({@code next}: the char after it, for a surrogate pair; a lone surrogate becomes '?', as
     * {@link String#getBytes} makes it). Keeps room for the {@code remaining - 1} chars after it, one byte each.
     * Returns the new end.
     */
    private int appendEscaped(char c, char next, int remaining) {
        int at = valuesLen;
        ensure(at, 12 + remaining);
        byte[] v = values;
        switch (c) {
            case '"' -> { v[at++] = '\\'; v[at++] = '"'; }
            case '\\' -> { v[at++] = '\\'; v[at++] = '\\'; }
            case '\n' -> { v[at++] = '\\'; v[at++] = 'n'; }
            case '\r' -> { v[at++] = '\\'; v[at++] = 'r'; }
            case '\t' -> { v[at++] = '\\'; v[at++] = 't'; }
            default -> {
                if (c < 0x20) {
                    v[at++] = '\\';
                    v[at++] = 'u';
                    v[at++] = '0';
                    v[at++] = '0';
                    v[at++] = HEX[c >> 4];
                    v[at++] = HEX[c & 0xF];
                } else if (c < 0x800) {
                    v[at++] = (byte) (0xC0 | c >> 6);
                    v[at++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
                    int cp = Character.toCodePoint(c, next);
                    v[at++] = (byte) (0xF0 | cp >> 18);
                    v[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    v[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    v[at++] = (byte) (0x80 | cp & 0x3F);
                } else if (Character.isSurrogate(c)) {
                    v[at++] = '?';
                } else {
                    v[at++] = (byte) (0xE0 | c >> 12);
                    v[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                    v[at++] = (byte) (0x80 | c & 0x3F);
                }
            }
        }
        return at;
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
