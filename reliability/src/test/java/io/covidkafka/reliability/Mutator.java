package io.covidkafka.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic (seeded) mutations of CSV/JSON records: truncation, bit flips, byte insertions and deletions,
 * wrong-typed values, huge fields, deep nesting, invalid UTF-8, splices and structural characters in odd places.
 * Every mutation kind is reachable from {@link #mutate}; {@link Kind} names them for the report.
 */
final class Mutator {

    enum Kind {
        TRUNCATE, BIT_FLIP, INSERT_BYTES, DELETE_BYTES, WRONG_TYPE, HUGE_FIELD, DEEP_NESTING, INVALID_UTF8,
        SPLICE, STRUCTURAL, DUPLICATE_FIELD, NUMERIC_EDGE, STACKED
    }

    /** Values that are valid for some type and wrong for most. */
    private static final String[] WRONG_VALUES = {
        "abc", "1.5", "1e400", "-1e-400", "NaN", "Infinity", "-0", "+7", "0x1F", "1,000", "true", "FALSE", "null",
        "N/A", "", " ", "2020-13-45", "2020-02-30", "30-02-2020", "0000-00-00", "9999999-01-01", "2020-09-30T25:61:00Z",
        "99999999999999999999", "-9223372036854775809", "9223372036854775807", "2147483648", "{}", "[]",
        "{\"a\":1}", "[1,2]", "\"\"", "\"", "'", "\\", "\\u0000", "\u0000", "\uFEFF", "😷", "Ω≈ç√", "\r", "\n",
        "\t", ",", ";", "\"a,b\"", "1.000000000000000000001", "12.345", "-12.3456789012", "yes", "1/1/2020",
        "2020-09-30 12:00:00+25:00", "1601424000000"
    };
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F}, {(byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}, {0x00}
    };
    private static final byte[] STRUCTURAL = "\"',;{}[]:\\\r\n\t ".getBytes(StandardCharsets.US_ASCII);

    private final SplittableRandom random;
    private final boolean json;
    private final int hugeFieldBytes;
    private final int deepNesting;

    /**
     * @param hugeFieldBytes largest huge field inserted (rarely: one mutation in ~100 is HUGE_FIELD)
     * @param deepNesting    deepest JSON nesting inserted
     */
    Mutator(long seed, boolean json, int hugeFieldBytes, int deepNesting) {
        this.random = new SplittableRandom(seed);
        this.json = json;
        this.hugeFieldBytes = hugeFieldBytes;
        this.deepNesting = deepNesting;
    }

    Kind pick() {
        int r = random.nextInt(1000);
        if (r < 8) {
            return Kind.HUGE_FIELD;
        }
        if (r < 16) {
            return Kind.DEEP_NESTING;
        }
        Kind[] common = {Kind.TRUNCATE, Kind.BIT_FLIP, Kind.INSERT_BYTES, Kind.DELETE_BYTES, Kind.WRONG_TYPE,
            Kind.INVALID_UTF8, Kind.SPLICE, Kind.STRUCTURAL, Kind.DUPLICATE_FIELD, Kind.NUMERIC_EDGE, Kind.STACKED};
        return common[random.nextInt(common.length)];
    }

    byte[] mutate(byte[] in, Kind kind, byte[] other) {
        switch (kind) {
            case TRUNCATE:
                return Arrays.copyOf(in, in.length == 0 ? 0 : random.nextInt(in.length));
            case BIT_FLIP: {
                byte[] out = in.clone();
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips && out.length > 0; i++) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            }
            case INSERT_BYTES: {
                byte[] ins = new byte[1 + random.nextInt(8)];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = (byte) random.nextInt(256);
                }
                return insert(in, random.nextInt(in.length + 1), ins);
            }
            case DELETE_BYTES: {
                if (in.length == 0) {
                    return in;
                }
                int at = random.nextInt(in.length);
                int n = Math.min(in.length - at, 1 + random.nextInt(6));
                return delete(in, at, n);
            }
            case WRONG_TYPE:
                return replaceValue(in, WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]);
            case NUMERIC_EDGE:
                return replaceValue(in, numericEdge());
            case HUGE_FIELD:
                return replaceValue(in, "x".repeat(1 + random.nextInt(hugeFieldBytes)));
            case DEEP_NESTING:
                return nested(in);
            case INVALID_UTF8:
                return insert(in, random.nextInt(in.length + 1), INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
            case SPLICE: {
                int a = in.length == 0 ? 0 : random.nextInt(in.length);
                int b = other.length == 0 ? 0 : random.nextInt(other.length);
                byte[] out = Arrays.copyOf(in, a + other.length - b);
                System.arraycopy(other, b, out, a, other.length - b);
                return out;
            }
            case STRUCTURAL: {
                byte[] out = in.clone();
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n && out.length > 0; i++) {
                    out[random.nextInt(out.length)] = STRUCTURAL[random.nextInt(STRUCTURAL.length)];
                }
                return out;
            }
            case DUPLICATE_FIELD:
                return duplicateField(in);
            case STACKED: {
                byte[] out = in;
                int n = 2 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    Kind k = pick();
                    out = mutate(out, k == Kind.STACKED || k == Kind.HUGE_FIELD ? Kind.BIT_FLIP : k, other);
                }
                return out;
            }
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    private String numericEdge() {
        switch (random.nextInt(6)) {
            case 0:
                return Long.toString(random.nextLong());
            case 1:
                return Double.toString(Double.longBitsToDouble(random.nextLong()));
            case 2:
                return "9".repeat(1 + random.nextInt(400));
            case 3:
                return "-" + "0".repeat(random.nextInt(50)) + random.nextInt();
            case 4:
                return "1" + "e" + (random.nextBoolean() ? "-" : "") + random.nextInt(100_000);
            default:
                return "0." + "0".repeat(random.nextInt(300)) + "1";
        }
    }

    /** Replaces one field value (between delimiters, or a JSON value after a colon) with {@code value}. */
    private byte[] replaceValue(byte[] in, String value) {
        String s = new String(in, StandardCharsets.UTF_8);
        String v = json && random.nextBoolean() ? quoteJson(value) : value;
        if (json) {
            int colons = count(s, ':');
            if (colons == 0) {
                return (s + v).getBytes(StandardCharsets.UTF_8);
            }
            int colon = nth(s, ':', random.nextInt(colons));
            int end = colon + 1;
            while (end < s.length() && s.charAt(end) != ',' && s.charAt(end) != '}') {
                end++;
            }
            return (s.substring(0, colon + 1) + v + s.substring(end)).getBytes(StandardCharsets.UTF_8);
        }
        int commas = count(s, ',');
        int field = random.nextInt(commas + 1);
        int start = field == 0 ? 0 : nth(s, ',', field - 1) + 1;
        int end = s.indexOf(',', start);
        if (end < 0) {
            end = s.length();
        }
        return (s.substring(0, start) + v + s.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] nested(byte[] in) {
        int depth = 1 + random.nextInt(deepNesting);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        StringBuilder sb = new StringBuilder(depth * 6);
        sb.append(open.repeat(depth)).append('1');
        if (random.nextInt(4) != 0) {
            sb.append(close.repeat(depth)); // sometimes left unbalanced
        }
        return replaceValue(in, sb.toString());
    }

    private byte[] duplicateField(byte[] in) {
        String s = new String(in, StandardCharsets.UTF_8);
        if (json && s.endsWith("}") && s.indexOf(',') > 0) {
            int comma = s.indexOf(',');
            return (s.substring(0, s.length() - 1) + "," + s.substring(1, comma) + "}").getBytes(StandardCharsets.UTF_8);
        }
        return (s + "," + s).getBytes(StandardCharsets.UTF_8);
    }

    private static String quoteJson(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static int nth(String s, char c, int n) {
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = s.indexOf(c, at + 1);
        }
        return at;
    }

    static byte[] insert(byte[] in, int at, byte[] ins) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + ins.length);
        out.write(in, 0, at);
        out.write(ins, 0, ins.length);
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    static byte[] delete(byte[] in, int at, int n) {
        byte[] out = new byte[in.length - n];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + n, out, at, in.length - at - n);
        return out;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
