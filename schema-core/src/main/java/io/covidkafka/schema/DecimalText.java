package io.covidkafka.schema;

/**
 * A long as its decimal ASCII text ({@code Long.toString}'s characters) written straight into bytes, for writers
 * that produce a number per record and should not make a String for it.
 */
public final class DecimalText {

    /** The longest text: {@code -9223372036854775808}. */
    public static final int MAX_LENGTH = 20;

    private DecimalText() {
    }

    /** Writes {@code value} at {@code dst[at]} (room for {@link #MAX_LENGTH} bytes needed); returns the end. */
    public static int write(long value, byte[] dst, int at) {
        if (value == Long.MIN_VALUE) {
            String text = Long.toString(value);
            for (int i = 0; i < text.length(); i++) {
                dst[at + i] = (byte) text.charAt(i);
            }
            return at + text.length();
        }
        if (value < 0) {
            dst[at++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }
}
