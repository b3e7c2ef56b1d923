package io.covidkafka.cli;

import com.fasterxml.jackson.core.io.doubleparser.JavaDoubleParser;
import io.covidkafka.schema.DataType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the values of one column look like, learnt one value at a time: which types still fit every value,
 * the null tokens seen, leading-zero codes, thousands separators and date layouts. Numbers are checked with the
 * same rules the schema core applies (blanks around numbers tolerated, the same double parser).
 */
final class ColumnProfile {
    /** Tokens that read as "no value" when they appear in a column. */
    static final List<String> NULL_CANDIDATES = List.of("", "N/A", "n/a", "NA", "null", "NULL", "None");
    /** INT only while values stay within this: a feed's counts grow, so leave INT 65,536x headroom. */
    static final long INT_HEADROOM_LIMIT = Integer.MAX_VALUE >> 16;

    final String name;
    long values;          // non-null-candidate values
    long missing;         // records without this field at all
    final Map<String, Long> nullTokens = new LinkedHashMap<>();
    private boolean maybeBoolean = true;
    private boolean maybeLong = true;
    private boolean maybeDecimal = true;
    private boolean maybeDouble = true;
    private boolean maybeTimestamp = true;
    private final DateShape date = new DateShape();
    private final DateShape timestampDate = new DateShape();
    private final TimeShape time = new TimeShape();
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private int maxIntDigits;
    private int maxScale;
    long leadingZeros;
    String leadingZeroExample;
    long thousands;
    String thousandsExample;
    String firstValue;

    ColumnProfile(String name) {
        this.name = name;
    }

    void missing() {
        missing++;
    }

    void accept(String raw) {
        if (NULL_CANDIDATES.contains(raw)) {
            nullTokens.merge(raw, 1L, Long::sum);
            return;
        }
        values++;
        if (firstValue == null) {
            firstValue = raw;
        }
        String v = raw.strip().equals(raw) ? raw : trimSpaces(raw);
        if (maybeBoolean && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            maybeBoolean = false;
        }
        boolean isInteger = isPlainInteger(v);
        boolean leadingZero = isInteger && hasLeadingZero(v);
        if (leadingZero) {
            leadingZeros++;
            if (leadingZeroExample == null) {
                leadingZeroExample = raw;
            }
        }
        if (maybeLong) {
            if (!isInteger || leadingZero) {
                maybeLong = false;
            } else {
                try {
                    long l = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
                    min = Math.min(min, l);
                    max = Math.max(max, l);
                } catch (NumberFormatException e) {
                    maybeLong = false; // beyond BIGINT
                }
            }
        }
        if (maybeDecimal) {
            if (!isPlainDecimal(v) || leadingZero) {
                maybeDecimal = false;
            } else {
                BigDecimal d = new BigDecimal(v);
                maxScale = Math.max(maxScale, Math.max(d.scale(), 0));
                maxIntDigits = Math.max(maxIntDigits, Math.max(d.precision() - d.scale(), 0));
            }
        }
        if (maybeDouble) {
            try {
                JavaDoubleParser.parseDouble(v);
                if (leadingZero) {
                    maybeDouble = false;
                }
            } catch (NumberFormatException e) {
                maybeDouble = false;
            }
        }
        if (!maybeDouble && looksLikeThousands(v)) {
            thousands++;
            if (thousandsExample == null) {
                thousandsExample = raw;
            }
        }
        date.accept(v, 0, v.length());
        if (maybeTimestamp) {
            maybeTimestamp = acceptTimestamp(v);
        }
    }

    /** {@code date[T| ]time}: the date part through its own {@link DateShape}, the time part through {@link TimeShape}. */
    private boolean acceptTimestamp(String v) {
        int sep = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 'T' || c == ' ') {
                sep = i;
                break;
            }
        }
        if (sep < 0) {
            return false;
        }
        return timestampDate.accept(v, 0, sep) && time.accept(v, sep);
    }

    boolean nullable(List<String> nullValues) {
        if (missing > 0) {
            return true;
        }
        for (String t : nullValues) {
            if (nullTokens.getOrDefault(t, 0L) > 0) {
                return true;
            }
        }
        return false;
    }

    long nullCount(List<String> nullValues) {
        long n = missing;
        for (String t : nullValues) {
            n += nullTokens.getOrDefault(t, 0L);
        }
        return n;
    }

    /** The narrowest type that fits every value seen (STRING when nothing else does or nothing was seen). */
    DataType type() {
        if (values == 0) {
            return DataType.STRING;
        }
        if (maybeBoolean) {
            return DataType.BOOLEAN;
        }
        if (maybeLong) {
            return Math.max(Math.abs(min), Math.abs(max)) <= INT_HEADROOM_LIMIT && min != Long.MIN_VALUE
                    ? DataType.INT : DataType.BIGINT;
        }
        if (maybeDecimal && maxIntDigits + maxScale <= DataType.MAX_DECIMAL_PRECISION) {
            return DataType.decimal(Math.max(1, maxIntDigits + maxScale), maxScale);
        }
        if (maybeDouble) {
            return DataType.DOUBLE;
        }
        if (date.fitsAll()) {
            return DataType.DATE;
        }
        if (maybeTimestamp && timestampDate.fitsAll()) {
            return DataType.TIMESTAMP;
        }
        return DataType.STRING;
    }

    /** Patterns for a DATE or TIMESTAMP column. */
    List<String> patterns() {
        DataType.Kind k = type().kind();
        if (k == DataType.Kind.DATE) {
            return date.patterns();
        }
        if (k == DataType.Kind.TIMESTAMP) {
            List<String> out = new ArrayList<>();
            for (String d : timestampDate.patterns()) {
                out.add(d + time.pattern());
            }
            return out;
        }
        return List.of();
    }

    DateShape dateShape() {
        return type().kind() == DataType.Kind.TIMESTAMP ? timestampDate : date;
    }

    long min() {
        return min;
    }

    long max() {
        return max;
    }

    private static String trimSpaces(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == ' ') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == ' ') {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isPlainInteger(String v) {
        int i = v.startsWith("-") || v.startsWith("+") ? 1 : 0;
        if (i == v.length()) {
            return false;
        }
        for (; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Codes such as US FIPS {@code 01}: digits that start with a zero and are longer than one digit. */
    private static boolean hasLeadingZero(String v) {
        int i = v.startsWith("-") || v.startsWith("+") ? 1 : 0;
        return v.length() - i > 1 && v.charAt(i) == '0';
    }

    private static boolean isPlainDecimal(String v) {
        int i = v.startsWith("-") || v.startsWith("+") ? 1 : 0;
        int digits = 0;
        boolean dot = false;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                return false;
            }
        }
        return digits > 0;
    }

    /** {@code 1,234} or {@code -12,345,678.5}: digit groups of three after the first. */
    private static boolean looksLikeThousands(String v) {
        int i = v.startsWith("-") || v.startsWith("+") ? 1 : 0;
        int end = v.indexOf('.') >= 0 ? v.indexOf('.') : v.length();
        String[] groups = v.substring(i, end).split(",", -1);
        if (groups.length < 2 || groups[0].isEmpty() || groups[0].length() > 3) {
            return false;
        }
        for (int g = 0; g < groups.length; g++) {
            if ((g > 0 && groups[g].length() != 3) || !groups[g].chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return end == v.length() || v.substring(end + 1).chars().allMatch(Character::isDigit);
    }
}
