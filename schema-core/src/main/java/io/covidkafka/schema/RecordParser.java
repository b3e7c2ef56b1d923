package io.covidkafka.schema;

import java.util.List;

/**
 * Parses one record, given as UTF-8 bytes, into typed values. This is the single definition of what a feed
 * accepts: {@link FeedReader} uses it for files and HTTP bodies, the Spark datasource for Kafka message values.
 *
 * <p>Not thread-safe (it reuses buffers); create one per thread or task. Cheap to create.
 */
public abstract class RecordParser {

    protected final ParseOptions options;

    RecordParser(ParseOptions options) {
        this.options = options;
    }

    /**
     * A parser for single records, such as Kafka message values. CSV records map columns by
     * {@link ParseOptions#csvColumns()} when set, else by schema order.
     */
    public static RecordParser create(ParseOptions options) {
        return switch (options.format()) {
            case CSV -> new CsvRecordParser(options, options.csvColumns().isEmpty() ? null : options.csvColumns());
            case JSON -> new JsonRecordParser(options);
        };
    }

    /** A CSV parser that maps columns by a header row's names. */
    public static RecordParser csvWithHeader(ParseOptions options, List<String> header) {
        return new CsvRecordParser(options, header);
    }

    public ParseOptions options() {
        return options;
    }

    /**
     * Parses {@code buf[off, off+len)} (one record without its line terminator) and writes the typed values.
     *
     * @return null when the record is accepted and every field was written, otherwise why it was rejected
     *         (without a position: callers place it with {@link Rejection#at})
     */
    public abstract Rejection parse(byte[] buf, int off, int len, RowWriter out);

    /**
     * Parses one message, such as a Kafka record value: {@link #parse} without ONE trailing line end (LF, CRLF or CR).
     * WHY: a message is one record, and producers that send lines often keep the terminator; files are framed
     * without it, so the connector, the datasource and the command line then judge the same record text (a CSV
     * {@code 3\r\n} would otherwise be a bad number).
     */
    public final Rejection parseMessage(byte[] buf, int off, int len, RowWriter out) {
        return parse(buf, off, withoutLineEnd(buf, off, len), out);
    }

    /** The length of {@code buf[off, off+len)} without one trailing LF, CRLF or CR. */
    public static int withoutLineEnd(byte[] buf, int off, int len) {
        if (len > 0 && buf[off + len - 1] == '\n') {
            len--;
        }
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        return len;
    }

    /** Decodes UTF-8 into {@code dst} (malformed input becomes U+FFFD); returns the number of chars written. */
    static int decodeUtf8(byte[] src, int off, int len, char[] dst) {
        int d = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            int b = src[i];
            if (b >= 0) {
                dst[d++] = (char) b;
                i++;
                continue;
            }
            int n;
            int cp;
            if ((b & 0xE0) == 0xC0) {
                n = 1;
                cp = b & 0x1F;
            } else if ((b & 0xF0) == 0xE0) {
                n = 2;
                cp = b & 0x0F;
            } else if ((b & 0xF8) == 0xF0) {
                n = 3;
                cp = b & 0x07;
            } else {
                dst[d++] = '\uFFFD';
                i++;
                continue;
            }
            if (i + n >= end) {
                // fewer continuation bytes than announced
                dst[d++] = '\uFFFD';
                i++;
                continue;
            }
            boolean ok = true;
            for (int k = 1; k <= n; k++) {
                int c = src[i + k];
                if ((c & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            boolean overlong = (n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000);
            if (!ok || overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                dst[d++] = '\uFFFD';
                i++;
                continue;
            }
            if (cp >= 0x10000) {
                dst[d++] = Character.highSurrogate(cp);
                dst[d++] = Character.lowSurrogate(cp);
            } else {
                dst[d++] = (char) cp;
            }
            i += n + 1;
        }
        return d;
    }
}
