package io.covidkafka.schema;

import java.io.IOException;

/**
 * Finds where one record ends in a byte stream, without decoding it, and keeps the line count. One state
 * machine per format; {@link FeedReader} feeds it buffer by buffer.
 */
abstract class RecordFramer {

    protected long line = 1;
    private boolean previousWasCR;

    long line() {
        return line;
    }

    void setLine(long line) {
        this.line = line;
    }

    /** Counts CR, LF and CRLF each as one line break. */
    protected final void countLineBreak(byte b) {
        if (b == '\r') {
            line++;
            previousWasCR = true;
        } else {
            if (b == '\n' && !previousWasCR) {
                line++;
            }
            previousWasCR = false;
        }
    }

    /** Forgets a CR seen at the end of an earlier record, so a new record counts its own line breaks. */
    protected final void forgetLineBreak() {
        previousWasCR = false;
    }

    /** Skips what lies between records (blank lines; whitespace and array punctuation for JSON). False at end. */
    abstract boolean skipBetweenRecords(FeedReader r) throws IOException;

    abstract void beginRecord();

    /** Scans {@code buf[from, to)}; returns the index just past the record's content, or -1 when it goes on. */
    abstract int scan(byte[] buf, int from, int to);

    /** Consumes the record's line terminator, if the format has one. */
    abstract void consumeTerminator(FeedReader r) throws IOException;

    /** RFC 4180: a record ends at a line break outside quotes; a quote opens only at the start of a field. */
    static final class Csv extends RecordFramer {
        private static final int FIELD_START = 0, UNQUOTED = 1, QUOTED = 2, QUOTE_IN_QUOTED = 3;
        private final byte delimiter;
        private final byte quote;
        private int state;

        Csv(char delimiter, char quote) {
            this.delimiter = (byte) delimiter;
            this.quote = (byte) quote;
        }

        @Override
        boolean skipBetweenRecords(FeedReader r) throws IOException {
            while (true) {
                int c = r.peek();
                if (c == '\n' || c == '\r') {
                    consumeTerminator(r);
                } else {
                    return c >= 0;
                }
            }
        }

        @Override
        void beginRecord() {
            state = FIELD_START;
            forgetLineBreak();
        }

        @Override
        int scan(byte[] buf, int from, int to) {
            int s = state;
            for (int i = from; i < to; i++) {
                byte b = buf[i];
                switch (s) {
                    case QUOTED:
                        if (b == quote) {
                            s = QUOTE_IN_QUOTED;
                        } else if (b == '\n' || b == '\r') {
                            countLineBreak(b);
                        } else {
                            countLineBreak(b); // resets the CR memory
                        }
                        break;
                    case QUOTE_IN_QUOTED:
                        if (b == quote) {
                            s = QUOTED; // an escaped quote
                            break;
                        }
                        // closing quote: what follows is a delimiter, a line end or junk the parser rejects
                        // fall through
                    case FIELD_START:
                        if (s == FIELD_START && b == quote) {
                            s = QUOTED;
                            break;
                        }
                        // fall through
                    default: // UNQUOTED
                        if (b == '\n' || b == '\r') {
                            state = FIELD_START;
                            return i;
                        }
                        s = b == delimiter ? FIELD_START : UNQUOTED;
                }
            }
            state = s;
            return -1;
        }

        @Override
        void consumeTerminator(FeedReader r) throws IOException {
            int c = r.peek();
            if (c == '\n') {
                r.advance();
                line++;
            } else if (c == '\r') {
                r.advance();
                line++;
                if (r.peek() == '\n') {
                    r.advance();
                }
            }
        }
    }

    /**
     * One JSON value per record: objects and arrays by bracket depth (strings and escapes respected), strings,
     * or bare scalars. Resynchronises after a truncated record: a raw line break inside a string, or a <code>{</code> or
     * <code>[</code> at the very start of a line while a value is open, ends the broken record there (pretty-printers
     * indent nested values, so only a new top-level value starts at column 0).
     */
    static final class Json extends RecordFramer {
        private static final int NEST = 0, STRING = 1, SCALAR = 2;
        private boolean inArray;
        private boolean first;
        private int mode;
        private int depth;
        private boolean inString;
        private boolean escape;
        private boolean atLineStart;

        /** Whether a top-level array is open: its commas and closing bracket are not records. */
        boolean inArray() {
            return inArray;
        }

        /** Notes whether the stream is one top-level array, whose elements are then the records. */
        void detectArray(FeedReader r) throws IOException {
            skipWhitespace(r);
            if (r.peek() == '[') {
                r.advance();
                inArray = true;
            }
        }

        private void skipWhitespace(FeedReader r) throws IOException {
            while (true) {
                int c = r.peek();
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    countLineBreak((byte) c);
                    r.advance();
                } else {
                    return;
                }
            }
        }

        @Override
        boolean skipBetweenRecords(FeedReader r) throws IOException {
            while (true) {
                skipWhitespace(r);
                int c = r.peek();
                if (inArray && c == ',') {
                    r.advance();
                } else if (inArray && c == ']') {
                    r.advance();
                    inArray = false;
                } else {
                    return c >= 0;
                }
            }
        }

        @Override
        void beginRecord() {
            first = true;
            depth = 0;
            inString = false;
            escape = false;
            atLineStart = false;
            forgetLineBreak();
        }

        @Override
        int scan(byte[] buf, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = buf[i];
                if (first) {
                    first = false;
                    if (b == '{' || b == '[') {
                        mode = NEST;
                        depth = 1;
                    } else if (b == '"') {
                        mode = STRING;
                        inString = true;
                    } else {
                        mode = SCALAR;
                    }
                    continue;
                }
                if (inString) {
                    if (escape) {
                        escape = false;
                    } else if (b == '\\') {
                        escape = true;
                    } else if (b == '"') {
                        inString = false;
                        if (mode == STRING) {
                            return i + 1;
                        }
                    } else if (b == '\n' || b == '\r') {
                        return i; // JSON strings cannot hold raw line breaks: the record is broken here
                    }
                    continue;
                }
                if (mode == SCALAR) {
                    if (b <= ' ' || b == ',' || b == ']' || b == '}' || b == '{' || b == '[' || b == '"') {
                        return i;
                    }
                    continue;
                }
                switch (b) {
                    case '"' -> inString = true;
                    case '{', '[' -> {
                        if (atLineStart) {
                            return i; // a new top-level value at column 0: the open one was truncated
                        }
                        depth++;
                    }
                    case '}', ']' -> {
                        if (--depth == 0) {
                            forgetLineBreak(); // a CR just before the bracket must not swallow an LF after it
                            return i + 1;
                        }
                    }
                    default -> {
                    }
                }
                if (b == '\n' || b == '\r' || atLineStart) {
                    countLineBreak(b);
                }
                atLineStart = b == '\n' || b == '\r';
            }
            return -1;
        }

        @Override
        void consumeTerminator(FeedReader r) {
            // whitespace after a value is skipped before the next one
        }
    }
}
