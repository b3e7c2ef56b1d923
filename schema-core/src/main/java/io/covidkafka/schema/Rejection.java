package io.covidkafka.schema;

/**
 * Why one record was not accepted: the field, the raw value, the expected type and the record's position.
 *
 * @param reason       the kind of rejection
 * @param field        the schema (or source) field concerned, or null for a record-level problem
 * @param rawValue     the offending raw value as read (cut to {@value #MAX_RAW_VALUE_CHARS} characters), or null
 * @param expectedType what the field expects (e.g. {@code BIGINT}, {@code DATE (dd-MM-yyyy|yyyy-MM-dd)}), or null
 * @param detail       a human-readable explanation
 * @param line         1-based line where the record starts, or -1 where lines do not apply (a Kafka message)
 * @param byteOffset   byte offset of the record's first byte in its source, or -1 where unknown
 */
public record Rejection(RejectReason reason, String field, String rawValue, String expectedType, String detail,
                        long line, long byteOffset) {

    public static final int MAX_RAW_VALUE_CHARS = 200;

    static Rejection of(RejectReason reason, String field, String rawValue, String expectedType, String detail) {
        return new Rejection(reason, field, clip(rawValue), expectedType, detail, -1, -1);
    }

    /** The same rejection placed at a line and byte offset of a file or feed. */
    public Rejection at(long line, long byteOffset) {
        return new Rejection(reason, field, rawValue, expectedType, detail, line, byteOffset);
    }

    /** One line for logs, task errors and dead-letter headers. */
    public String message() {
        StringBuilder sb = new StringBuilder(reason.description());
        if (field != null) {
            sb.append(": field '").append(field).append('\'');
        }
        if (rawValue != null) {
            sb.append(" value '").append(rawValue).append('\'');
        }
        if (expectedType != null) {
            sb.append(" expected ").append(expectedType);
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(" (").append(detail).append(')');
        }
        if (line >= 0) {
            sb.append(" at line ").append(line);
        }
        if (byteOffset >= 0) {
            sb.append(", byte offset ").append(byteOffset);
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_RAW_VALUE_CHARS ? s : s.substring(0, MAX_RAW_VALUE_CHARS) + "...";
    }
}
