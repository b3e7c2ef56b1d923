package io.covidkafka.cli;

/**
 * The time part of timestamp values, {@code T09:30}, {@code  09:30:15.250+02:00}: which separator, whether
 * seconds, fractions and offsets occur, in the schema core's pattern letters.
 */
final class TimeShape {
    private char separator;
    private boolean oneDigitHour;
    private boolean secondsAlways = true;
    private boolean secondsSometimes;
    private boolean fraction;
    private boolean offset;

    /** Accepts the value's time part starting at its separator ({@code T} or a blank). */
    boolean accept(String v, int sep) {
        char s = v.charAt(sep);
        if (separator != 0 && s != separator) {
            return false;
        }
        separator = s;
        int p = sep + 1;
        int h = digits(v, p, 2);
        if (h < 1) {
            return false;
        }
        oneDigitHour |= h == 1;
        p += h;
        if (p >= v.length() || v.charAt(p) != ':' || digits(v, p + 1, 2) != 2) {
            return false;
        }
        p += 3;
        if (p < v.length() && v.charAt(p) == ':') {
            if (digits(v, p + 1, 2) != 2) {
                return false;
            }
            p += 3;
            secondsSometimes = true;
            if (p < v.length() && v.charAt(p) == '.') {
                int f = digits(v, p + 1, 9);
                if (f < 1) {
                    return false;
                }
                fraction = true;
                p += 1 + f;
            }
        } else {
            secondsAlways = false;
        }
        if (p == v.length()) {
            return true;
        }
        char o = v.charAt(p);
        if (o == 'Z' && p + 1 == v.length()) {
            offset = true;
            return true;
        }
        if (o != '+' && o != '-') {
            return false;
        }
        String rest = v.substring(p + 1);
        offset = true;
        return rest.matches("\\d\\d(:?\\d\\d)?"); // per distinct value shape, not a hot path
    }

    String pattern() {
        StringBuilder sb = new StringBuilder(separator == 'T' ? "'T'" : " ");
        sb.append(oneDigitHour ? "H" : "HH").append(":mm");
        if (secondsAlways) {
            sb.append(":ss").append(fraction ? "[.S]" : "");
        } else if (secondsSometimes) {
            sb.append("[:ss").append(fraction ? "[.S]" : "").append(']');
        }
        if (offset) {
            sb.append("[X]");
        }
        return sb.toString();
    }

    private static int digits(String v, int p, int max) {
        int n = 0;
        while (p + n < v.length() && n < max && Character.isDigit(v.charAt(p + n))) {
            n++;
        }
        return n;
    }
}
