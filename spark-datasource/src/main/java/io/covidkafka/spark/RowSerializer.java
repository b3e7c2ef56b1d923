package io.covidkafka.spark;

import io.covidkafka.schema.DataType;
import io.covidkafka.schema.FeedFormat;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.SchemaField;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Writes the schema fields of a Spark row as one canonical JSON object or CSV line, straight into a reused byte
 * buffer (strings are copied as their UTF-8 bytes, escaped on the way): no per-row map or string building.
 * Dates are ISO {@code yyyy-MM-dd} unless a {@code dateFormat} is given (then its first pattern), timestamps ISO-8601
 * instants. Not thread-safe.
 */
final class RowSerializer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final FeedFormat format;
    private final SchemaField[] fields;
    private final byte[][] jsonKeys;
    private final byte delimiter;
    private final byte quote;
    private final DateTimeFormatter dateFormat;
    private byte[] buf = new byte[512];
    private int len;

    RowSerializer(CovidKafkaOptions options) {
        RecordSchema schema = options.schema();
        this.format = options.valueFormat();
        this.fields = schema.fields().toArray(new SchemaField[0]);
        this.jsonKeys = new byte[fields.length][];
        for (int i = 0; i < fields.length; i++) {
            len = 0;
            put(i == 0 ? (byte) '{' : (byte) ',');
            putJsonString(UTF8String.fromString(fields[i].name()));
            put((byte) ':');
            jsonKeys[i] = Arrays.copyOf(buf, len);
        }
        this.delimiter = (byte) options.parseOptions().csvDelimiter();
        this.quote = (byte) options.parseOptions().csvQuote();
        String explicit = options.get(CovidKafkaOptions.DATE_FORMAT);
        this.dateFormat = explicit == null ? null
                : DateTimeFormatter.ofPattern(options.parseOptions().dateFormats().get(0));
    }

    /**
     * Serialises schema field {@code i} from row ordinal {@code ordinals[i]} ({@code -1}: null) and returns a fresh
     * array (the producer keeps it until the send completes).
     */
    byte[] serialize(InternalRow row, int[] ordinals) {
        len = 0;
        if (format == FeedFormat.JSON) {
            for (int i = 0; i < fields.length; i++) {
                putBytes(jsonKeys[i]);
                int o = ordinals[i];
                if (o < 0 || row.isNullAt(o)) {
                    putBytes(NULL);
                } else {
                    putJsonValue(fields[i].type(), row, o);
                }
            }
            put((byte) '}');
        } else {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    put(delimiter);
                }
                int o = ordinals[i];
                if (o >= 0 && !row.isNullAt(o)) {
                    putCsvValue(fields[i].type(), row, o);
                }
            }
        }
        return Arrays.copyOf(buf, len);
    }

    /** The CSV text of some fields (for message keys built from {@code keyColumns}). */
    byte[] csvOf(InternalRow row, int[] fieldIndexes, int[] ordinals) {
        len = 0;
        for (int k = 0; k < fieldIndexes.length; k++) {
            if (k > 0) {
                put(delimiter);
            }
            int o = ordinals[fieldIndexes[k]];
            if (o >= 0 && !row.isNullAt(o)) {
                putCsvValue(fields[fieldIndexes[k]].type(), row, o);
            }
        }
        return Arrays.copyOf(buf, len);
    }

    private void putJsonValue(DataType type, InternalRow row, int o) {
        switch (type.kind()) {
            case STRING -> putJsonString(row.getUTF8String(o));
            case INT -> putAscii(Integer.toString(row.getInt(o)));
            case BIGINT -> putAscii(Long.toString(row.getLong(o)));
            case DOUBLE -> {
                double d = row.getDouble(o);
                if (Double.isFinite(d)) {
                    putAscii(Double.toString(d));
                } else {
                    put((byte) '"');
                    putAscii(Double.toString(d));
                    put((byte) '"');
                }
            }
            case DECIMAL -> putAscii(row.getDecimal(o, type.precision(), type.scale()).toJavaBigDecimal()
                    .toPlainString());
            case BOOLEAN -> putAscii(row.getBoolean(o) ? "true" : "false");
            case DATE, TIMESTAMP -> {
                put((byte) '"');
                putTemporal(type, row, o);
                put((byte) '"');
            }
        }
    }

    private void putCsvValue(DataType type, InternalRow row, int o) {
        switch (type.kind()) {
            case STRING -> putCsvString(row.getUTF8String(o));
            case DATE, TIMESTAMP -> putTemporal(type, row, o);
            case DOUBLE -> putAscii(Double.toString(row.getDouble(o)));
            case DECIMAL -> putAscii(row.getDecimal(o, type.precision(), type.scale()).toJavaBigDecimal()
                    .toPlainString());
            case INT -> putAscii(Integer.toString(row.getInt(o)));
            case BIGINT -> putAscii(Long.toString(row.getLong(o)));
            case BOOLEAN -> putAscii(row.getBoolean(o) ? "true" : "false");
        }
    }

    private void putTemporal(DataType type, InternalRow row, int o) {
        if (type.kind() == DataType.Kind.DATE) {
            LocalDate d = LocalDate.ofEpochDay(row.getInt(o));
            if (dateFormat != null) {
                putAscii(dateFormat.format(d));
            } else {
                putIsoDate(d);
            }
        } else {
            long micros = row.getLong(o);
            putAscii(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000L).toString());
        }
    }

    private void putIsoDate(LocalDate d) {
        int y = d.getYear();
        if (y < 0 || y > 9999) {
            putAscii(d.toString());
            return;
        }
        ensure(10);
        buf[len++] = (byte) ('0' + y / 1000);
        buf[len++] = (byte) ('0' + y / 100 % 10);
        buf[len++] = (byte) ('0' + y / 10 % 10);
        buf[len++] = (byte) ('0' + y % 10);
        buf[len++] = '-';
        buf[len++] = (byte) ('0' + d.getMonthValue() / 10);
        buf[len++] = (byte) ('0' + d.getMonthValue() % 10);
        buf[len++] = '-';
        buf[len++] = (byte) ('0' + d.getDayOfMonth() / 10);
        buf[len++] = (byte) ('0' + d.getDayOfMonth() % 10);
    }

    /** A JSON string of UTF-8 bytes: quotes, backslashes and control characters escaped, the rest copied. */
    private void putJsonString(UTF8String s) {
        byte[] src = s.getBytes();
        ensure(src.length * 6 + 2);
        buf[len++] = '"';
        for (byte b : src) {
            if (b == '"' || b == '\\') {
                buf[len++] = '\\';
                buf[len++] = b;
            } else if (b >= 0 && b < 0x20) {
                switch (b) {
                    case '\n' -> { buf[len++] = '\\'; buf[len++] = 'n'; }
                    case '\r' -> { buf[len++] = '\\'; buf[len++] = 'r'; }
                    case '\t' -> { buf[len++] = '\\'; buf[len++] = 't'; }
                    default -> {
                        buf[len++] = '\\';
                        buf[len++] = 'u';
                        buf[len++] = '0';
                        buf[len++] = '0';
                        buf[len++] = HEX[b >> 4];
                        buf[len++] = HEX[b & 0xF];
                    }
                }
            } else {
                buf[len++] = b;
            }
        }
        buf[len++] = '"';
    }

    /** A CSV field: quoted (quotes doubled) when it holds the delimiter, a quote, CR or LF, or is empty. */
    private void putCsvString(UTF8String s) {
        byte[] src = s.getBytes();
        boolean needsQuotes = src.length == 0;
        for (byte b : src) {
            if (b == delimiter || b == quote || b == '\n' || b == '\r') {
                needsQuotes = true;
                break;
            }
        }
        if (!needsQuotes) {
            putBytes(src);
            return;
        }
        ensure(src.length * 2 + 2);
        buf[len++] = quote;
        for (byte b : src) {
            if (b == quote) {
                buf[len++] = quote;
            }
            buf[len++] = b;
        }
        buf[len++] = quote;
    }

    private void putAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void putBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
