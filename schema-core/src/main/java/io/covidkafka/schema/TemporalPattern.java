package io.covidkafka.schema;

import java.nio.CharBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A date or timestamp pattern in {@link DateTimeFormatter} letters, compiled to a matcher that reads the
 * characters of a value directly: no regex, no String, no parsed-object allocation per value. Covers the numeric
 * letters feeds use ({@code y M d H m s S X}, literals, {@code 'quoted'} text and {@code [optional]} sections);
 * a pattern with any other letter (month names, am/pm...) falls back to {@link DateTimeFormatter}.
 */
final class TemporalPattern {

    private static final int YEAR = 0, MONTH = 1, DAY = 2, HOUR = 3, MINUTE = 4, SECOND = 5, FRACTION = 6, OFFSET = 7,
            LITERAL = 8, YEAR2 = 9;

    private final String source;
    private final boolean dateOnly;
    private final int[] kinds;
    private final int[] minDigits;
    private final int[] maxDigits;
    private final char[] literals;
    private final DateTimeFormatter fallback;

    private TemporalPattern(String source, boolean dateOnly, List<int[]> tokens, DateTimeFormatter fallback) {
        this.source = source;
        this.dateOnly = dateOnly;
        this.fallback = fallback;
        int n = tokens == null ? 0 : tokens.size();
        kinds = new int[n];
        minDigits = new int[n];
        maxDigits = new int[n];
        literals = new char[n];
        for (int i = 0; i < n; i++) {
            int[] t = tokens.get(i);
            kinds[i] = t[0];
            minDigits[i] = t[1];
            maxDigits[i] = t[2];
            literals[i] = (char) t[3];
        }
    }

    /** The pattern as written by the user. */
    String source() {
        return source;
    }

    /** Compiles a pattern; optional sections expand into one matcher per combination, longest first. */
    static List<TemporalPattern> compile(String pattern, boolean dateOnly) {
        if (pattern == null || pattern.isEmpty()) {
            throw new SchemaException("empty date/time pattern");
        }
        List<String> variants = new ArrayList<>();
        expandOptional(pattern, variants);
        List<TemporalPattern> out = new ArrayList<>();
        for (String v : variants) {
            List<int[]> tokens = tokenize(v);
            if (tokens != null) {
                out.add(new TemporalPattern(pattern, dateOnly, tokens, null));
            } else {
                out.add(new TemporalPattern(pattern, dateOnly, null, fallbackFormatter(pattern, v)));
                break; // DateTimeFormatter handles optional sections itself
            }
        }
        return out;
    }

    private static DateTimeFormatter fallbackFormatter(String pattern, String variant) {
        try {
            return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new SchemaException("bad date/time pattern '" + pattern + "': " + e.getMessage(), e);
        }
    }

    private static void expandOptional(String p, List<String> out) {
        int open = -1;
        boolean quoted = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                open = i;
                break;
            }
        }
        if (open < 0) {
            if (!out.contains(p)) {
                out.add(p);
            }
            return;
        }
        int depth = 0;
        int close = -1;
        for (int i = open; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new SchemaException("bad date/time pattern '" + p + "': unclosed '['");
        }
        expandOptional(p.substring(0, open) + p.substring(open + 1, close) + p.substring(close + 1), out);
        expandOptional(p.substring(0, open) + p.substring(close + 1), out);
    }

    /** Tokens {kind, minDigits, maxDigits, literal}, or null when the pattern needs the fallback formatter. */
    private static List<int[]> tokenize(String p) {
        List<int[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\'') {
                int end = p.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new SchemaException("bad date/time pattern '" + p + "': unclosed quote");
                }
                if (end == i + 1) {
                    tokens.add(new int[] {LITERAL, 0, 0, '\''});
                }
                for (int k = i + 1; k < end; k++) {
                    tokens.add(new int[] {LITERAL, 0, 0, p.charAt(k)});
                }
                i = end + 1;
                continue;
            }
            if (!Character.isLetter(c)) {
                tokens.add(new int[] {LITERAL, 0, 0, c});
                i++;
                continue;
            }
            int run = 1;
            while (i + run < p.length() && p.charAt(i + run) == c) {
                run++;
            }
            int[] t = switch (c) {
                case 'y', 'u' -> run == 2 ? new int[] {YEAR2, 2, 2, 0} : new int[] {YEAR, run == 1 ? 1 : run, run == 1 ? 4 : run, 0};
                case 'M' -> run <= 2 ? new int[] {MONTH, run, 2, 0} : null;
                case 'd' -> run <= 2 ? new int[] {DAY, run, 2, 0} : null;
                case 'H' -> run <= 2 ? new int[] {HOUR, run, 2, 0} : null;
                case 'm' -> run <= 2 ? new int[] {MINUTE, run, 2, 0} : null;
                case 's' -> run <= 2 ? new int[] {SECOND, run, 2, 0} : null;
                case 'S' -> new int[] {FRACTION, 1, 9, 0}; // any run of S accepts 1..9 fraction digits
                case 'X' -> new int[] {OFFSET, 0, 0, 0};
                default -> null;
            };
            if (t == null) {
                return null;
            }
            tokens.add(t);
            i += run;
        }
        return tokens;
    }

    /** Days since epoch, or {@link Long#MIN_VALUE} when the value does not match. */
    long parseEpochDay(char[] buf, int off, int len) {
        long micros = parse(buf, off, len);
        return micros == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(micros, 86_400_000_000L);
    }

    /** Microseconds since epoch (UTC when the value has no offset), or {@link Long#MIN_VALUE} on mismatch. */
    long parse(char[] buf, int off, int len) {
        if (fallback != null) {
            return parseWithFormatter(buf, off, len);
        }
        int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, offsetSeconds = 0;
        int p = off;
        int end = off + len;
        for (int t = 0; t < kinds.length; t++) {
            int kind = kinds[t];
            if (kind == LITERAL) {
                if (p >= end || buf[p] != literals[t]) {
                    return Long.MIN_VALUE;
                }
                p++;
                continue;
            }
            if (kind == OFFSET) {
                if (p >= end) {
                    return Long.MIN_VALUE;
                }
                char sign = buf[p];
                if (sign == 'Z' || sign == 'z') {
                    p++;
                    continue;
                }
                if (sign != '+' && sign != '-') {
                    return Long.MIN_VALUE;
                }
                p++;
                int hh = digits(buf, p, end, 2);
                if (hh < 0) {
                    return Long.MIN_VALUE;
                }
                p += 2;
                int mm = 0;
                if (p < end && buf[p] == ':') {
                    p++;
                }
                if (p < end) {
                    mm = digits(buf, p, end, 2);
                    if (mm < 0) {
                        return Long.MIN_VALUE;
                    }
                    p += 2;
                }
                if (hh > 18 || mm > 59) {
                    return Long.MIN_VALUE;
                }
                offsetSeconds = (hh * 3600 + mm * 60) * (sign == '-' ? -1 : 1);
                continue;
            }
            int start = p;
            int value = 0;
            while (p < end && p - start < maxDigits[t] && buf[p] >= '0' && buf[p] <= '9') {
                value = value * 10 + (buf[p] - '0');
                p++;
            }
            int n = p - start;
            if (n < minDigits[t]) {
                return Long.MIN_VALUE;
            }
            switch (kind) {
                case YEAR -> year = value;
                case YEAR2 -> year = 2000 + value;
                case MONTH -> month = value;
                case DAY -> day = value;
                case HOUR -> hour = value;
                case MINUTE -> minute = value;
                case SECOND -> second = value;
                case FRACTION -> {
                    int scaled = value;
                    for (int k = n; k < 9; k++) {
                        scaled *= 10;
                    }
                    nanos = scaled;
                }
                default -> throw new IllegalStateException("token " + kind);
            }
        }
        if (p != end || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        if (day > 28 && day > lengthOfMonth(year, month)) {
            return Long.MIN_VALUE;
        }
        long epochDay = epochDay(year, month, day);
        return ((epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds) * 1_000_000L) + nanos / 1000;
    }

    private long parseWithFormatter(char[] buf, int off, int len) {
        try {
            TemporalAccessor t = fallback.parse(CharBuffer.wrap(buf, off, len));
            if (dateOnly) {
                return LocalDate.from(t).toEpochDay() * 86_400_000_000L;
            }
            LocalDateTime ldt = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.from(t) : LocalDate.from(t).atStartOfDay();
            int offset = t.isSupported(ChronoField.OFFSET_SECONDS) ? t.get(ChronoField.OFFSET_SECONDS) : 0;
            long seconds = ldt.toEpochSecond(ZoneOffset.ofTotalSeconds(offset));
            return seconds * 1_000_000L + ldt.getNano() / 1000;
        } catch (java.time.DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static int digits(char[] buf, int p, int end, int n) {
        if (p + n > end) {
            return -1;
        }
        int v = 0;
        for (int i = p; i < p + n; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return -1;
            }
            v = v * 10 + (buf[i] - '0');
        }
        return v;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> ((year & 3) == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 for a valid proleptic Gregorian date (same arithmetic as {@link LocalDate#toEpochDay}). */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367L * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!((year & 3) == 0 && (year % 100 != 0 || year % 400 == 0))) {
                total--;
            }
        }
        return total - 719_528L;
    }
}
