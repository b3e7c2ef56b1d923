package io.covidkafka.schema;

import java.util.Arrays;
import java.util.List;

/**
 * Splits one RFC 4180 record into fields and decodes each into its schema field. Quotes open only at the
 * start of a field; {@code ""} inside a quoted field is one quote; anything but a delimiter after a closing
 * quote makes the record malformed. Columns map to schema fields by header name (through the field mapping)
 * or, without a header, by schema order.
 */
final class CsvRecordParser extends RecordParser {

    private final ValueDecoder decoder;
    private final RecordSchema schema;
    private final char delimiter;
    private final char quote;
    private final int[] columnToField;
    private final String[] columnNames;
    private final boolean[] seen;
    private char[] chars = new char[256];
    private int[] starts = new int[32];
    private int[] lengths = new int[32];

    CsvRecordParser(ParseOptions options, List<String> header) {
        super(options);
        this.decoder = new ValueDecoder(options);
        this.schema = options.schema();
        this.delimiter = options.csvDelimiter();
        this.quote = options.csvQuote();
        this.seen = new boolean[schema.size()];
        if (header == null) {
            columnNames = new String[schema.size()];
            columnToField = new int[schema.size()];
            for (int i = 0; i < schema.size(); i++) {
                columnNames[i] = schema.field(i).name();
                columnToField[i] = i;
            }
        } else {
            columnNames = header.toArray(new String[0]);
            columnToField = new int[columnNames.length];
            boolean[] taken = new boolean[schema.size()];
            for (int c = 0; c < columnNames.length; c++) {
                int f = options.mapping().fieldIndex(columnNames[c].trim(), schema);
                // a second column feeding the same field is treated as unknown: first one wins
                columnToField[c] = f >= 0 && !taken[f] ? f : -1;
                if (f >= 0) {
                    taken[f] = true;
                }
            }
        }
    }

    @Override
    public Rejection parse(byte[] buf, int off, int len, RowWriter out) {
        if (len >= 3 && buf[off] == (byte) 0xEF && buf[off + 1] == (byte) 0xBB && buf[off + 2] == (byte) 0xBF) {
            off += 3; // a UTF-8 byte order mark at the start of a message
            len -= 3;
        }
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        int n = decodeUtf8(buf, off, len, chars);
        int count = split(chars, n);
        if (count < 0) {
            return Rejection.of(RejectReason.MALFORMED_RECORD, null, new String(chars, 0, n), null,
                    count == -1 ? "unterminated quoted field" : "unexpected character after a closing quote");
        }
        out.begin();
        Arrays.fill(seen, false);
        for (int c = 0; c < count; c++) {
            int f = c < columnToField.length ? columnToField[c] : -1;
            if (f < 0) {
                if (options.unknownFields() == ParseOptions.FieldPolicy.REJECT) {
                    String name = c < columnNames.length ? columnNames[c] : "column " + (c + 1);
                    return Rejection.of(RejectReason.UNKNOWN_FIELD, name, new String(chars, starts[c], lengths[c]), null,
                            c < columnNames.length ? "column not in the schema" : "record has " + count
                                    + " columns, expected " + columnNames.length);
                }
                continue;
            }
            seen[f] = true;
            Rejection r = decoder.decode(f, chars, starts[c], lengths[c], out);
            if (r != null) {
                return r;
            }
        }
        for (int f = 0; f < seen.length; f++) {
            if (!seen[f]) {
                Rejection r = missing(f, count, out);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    private Rejection missing(int field, int columnCount, RowWriter out) {
        SchemaField sf = schema.field(field);
        String detail = "record has " + columnCount + " of " + columnNames.length + " columns";
        if (!sf.nullable() || options.missingFields() == ParseOptions.FieldPolicy.REJECT) {
            return Rejection.of(RejectReason.MISSING_FIELD, sf.name(), null, decoder.expected(field), detail);
        }
        out.setNull(field);
        return null;
    }

    /** Splits in place (unescaping quoted fields); returns the field count, -1 unterminated, -2 junk after quote. */
    private int split(char[] c, int n) {
        int count = 0;
        int i = 0;
        while (true) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            if (i < n && c[i] == quote) {
                int w = ++i;
                int start = w;
                while (true) {
                    if (i >= n) {
                        return -1;
                    }
                    char ch = c[i++];
                    if (ch == quote) {
                        if (i < n && c[i] == quote) {
                            c[w++] = quote;
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        c[w++] = ch;
                    }
                }
                starts[count] = start;
                lengths[count++] = w - start;
                if (i == n) {
                    return count;
                }
                if (c[i] != delimiter) {
                    return -2;
                }
                i++;
            } else {
                int start = i;
                while (i < n && c[i] != delimiter) {
                    i++;
                }
                starts[count] = start;
                lengths[count++] = i - start;
                if (i == n) {
                    return count;
                }
                i++;
            }
        }
    }

    /** Splits a header row into trimmed column names; a malformed header is a configuration error. */
    static List<String> splitHeader(byte[] buf, int off, int len, ParseOptions options) {
        CsvRecordParser p = new CsvRecordParser(options, null);
        if (p.chars.length < len) {
            p.chars = new char[len];
        }
        int n = decodeUtf8(buf, off, len, p.chars);
        int count = p.split(p.chars, n);
        if (count < 0) {
            throw new SchemaException("malformed CSV header: " + new String(p.chars, 0, Math.min(n, 200)));
        }
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = new String(p.chars, p.starts[i], p.lengths[i]).trim();
        }
        return List.of(names);
    }
}
