package io.covidkafka.schema;

import com.fasterxml.jackson.core.io.doubleparser.JavaDoubleParser;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns the characters of one raw value into the typed value of one schema field, writing it to a
 * {@link RowWriter}, or explains why it cannot. Shared by the CSV and JSON parsers so both apply the same
 * null tokens, number rules and date patterns.
 */
final class ValueDecoder {

    private final RecordSchema schema;
    private final ParseOptions options;
    private final char[][] nullTokens;
    private final DataType.Kind[] kinds;

    ValueDecoder(ParseOptions options) {
        this.options = options;
        this.schema = options.schema();
        this.nullTokens = options.nullValues().stream().map(String::toCharArray).toArray(char[][]::new);
        this.kinds = new DataType.Kind[schema.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = schema.field(i).type().kind();
        }
    }

    DataType.Kind kindOf(int field) {
        return kinds[field];
    }

    boolean isNullToken(char[] buf, int off, int len) {
        for (char[] token : nullTokens) {
            if (token.length == len && java.util.Arrays.equals(token, 0, len, buf, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    /** Writes null for the field, or rejects when it is NOT NULL. */
    Rejection writeNull(int field, RowWriter out, String raw) {
        SchemaField f = schema.field(field);
        if (!f.nullable()) {
            return Rejection.of(RejectReason.NULL_NOT_ALLOWED, f.name(), raw, expected(field), null);
        }
        out.setNull(field);
        return null;
    }

    /** Decodes a textual value (a CSV field or a JSON string) into the field; null when written. */
    Rejection decode(int field, char[] buf, int off, int len, RowWriter out) {
        if (isNullToken(buf, off, len)) {
            return writeNull(field, out, new String(buf, off, len));
        }
        DataType.Kind kind = kinds[field];
        if (kind == DataType.Kind.STRING) {
            out.setString(field, buf, off, len);
            return null;
        }
        // numbers, dates and booleans tolerate surrounding blanks, as Spark's CSV reader does
        while (len > 0 && buf[off] == ' ') {
            off++;
            len--;
        }
        while (len > 0 && buf[off + len - 1] == ' ') {
            len--;
        }
        switch (kind) {
            case INT, BIGINT -> {
                long v = parseLong(buf, off, len);
                if (parseStatus == NOT_A_NUMBER) {
                    return mismatch(field, buf, off, len, null);
                }
                if (parseStatus == OVERFLOW || (kind == DataType.Kind.INT && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE))) {
                    return outOfRange(field, buf, off, len);
                }
                if (kind == DataType.Kind.INT) {
                    out.setInt(field, (int) v);
                } else {
                    out.setLong(field, v);
                }
                return null;
            }
            case DOUBLE -> {
                if (len == 0) {
                    return mismatch(field, buf, off, len, null);
                }
                double d;
                try {
                    d = JavaDoubleParser.parseDouble(buf, off, len);
                } catch (NumberFormatException e) {
                    return mismatch(field, buf, off, len, null);
                }
                out.setDouble(field, d);
                return null;
            }
            case DECIMAL -> {
                BigDecimal d;
                try {
                    d = new BigDecimal(buf, off, len);
                } catch (NumberFormatException e) {
                    return mismatch(field, buf, off, len, null);
                }
                return writeDecimal(field, d, out, buf, off, len);
            }
            case BOOLEAN -> {
                if (equalsIgnoreCase(buf, off, len, "true")) {
                    out.setBoolean(field, true);
                } else if (equalsIgnoreCase(buf, off, len, "false")) {
                    out.setBoolean(field, false);
                } else {
                    return mismatch(field, buf, off, len, null);
                }
                return null;
            }
            case DATE -> {
                for (TemporalPattern p : options.patternsOf(field)) {
                    long day = p.parseEpochDay(buf, off, len);
                    if (day != Long.MIN_VALUE) {
                        out.setDate(field, Math.toIntExact(day));
                        return null;
                    }
                }
                return mismatch(field, buf, off, len, null);
            }
            case TIMESTAMP -> {
                for (TemporalPattern p : options.patternsOf(field)) {
                    long micros = p.parse(buf, off, len);
                    if (micros != Long.MIN_VALUE) {
                        out.setTimestamp(field, micros);
                        return null;
                    }
                }
                return mismatch(field, buf, off, len, null);
            }
            default -> throw new IllegalStateException("unhandled type " + kind);
        }
    }

    /** Rounds to the field's scale (half-up, as Spark does) and checks its precision. */
    Rejection writeDecimal(int field, BigDecimal value, RowWriter out, char[] rawBuf, int off, int len) {
        DataType t = schema.field(field).type();
        BigDecimal scaled = value.setScale(t.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() > t.precision()) {
            return rawBuf != null ? outOfRange(field, rawBuf, off, len)
                    : Rejection.of(RejectReason.OUT_OF_RANGE, schema.field(field).name(), value.toPlainString(), expected(field), null);
        }
        out.setDecimal(field, scaled);
        return null;
    }

    /** What a field expects, for messages: {@code BIGINT}, {@code DATE (dd-MM-yyyy|yyyy-MM-dd)}. */
    String expected(int field) {
        SchemaField f = schema.field(field);
        DataType.Kind k = f.type().kind();
        String base = f.type().sql() + (f.nullable() ? "" : " NOT NULL");
        return k == DataType.Kind.DATE || k == DataType.Kind.TIMESTAMP ? base + " (" + options.patternListOf(field) + ")" : base;
    }

    Rejection mismatch(int field, char[] buf, int off, int len, String detail) {
        return Rejection.of(RejectReason.TYPE_MISMATCH, schema.field(field).name(), new String(buf, off, len), expected(field), detail);
    }

    private Rejection outOfRange(int field, char[] buf, int off, int len) {
        return Rejection.of(RejectReason.OUT_OF_RANGE, schema.field(field).name(), new String(buf, off, len), expected(field), null);
    }

    static final int PARSED = 0, NOT_A_NUMBER = 1, OVERFLOW = 2;
    private int parseStatus;

    /** Parses an optionally signed decimal integer; check {@link #parseStatus} before using the result. */
    long parseLong(char[] buf, int off, int len) {
        parseStatus = NOT_A_NUMBER;
        if (len == 0) {
            return 0;
        }
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (buf[i] == '-' || buf[i] == '+') {
            negative = buf[i] == '-';
            if (++i == end) {
                return 0;
            }
        }
        long acc = 0; // accumulated negatively so Long.MIN_VALUE fits
        boolean overflow = false;
        for (; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return 0; // "12x" is a type mismatch even when its digits also overflow
            }
            if (acc < -922_337_203_685_477_580L || (acc == -922_337_203_685_477_580L && d > (negative ? 8 : 7))) {
                overflow = true;
            } else {
                acc = acc * 10 - d;
            }
        }
        parseStatus = overflow ? OVERFLOW : PARSED;
        return negative ? acc : -acc;
    }

    private static boolean equalsIgnoreCase(char[] buf, int off, int len, String word) {
        if (len != word.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (Character.toLowerCase(buf[off + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
