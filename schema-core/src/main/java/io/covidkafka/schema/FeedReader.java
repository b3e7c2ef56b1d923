package io.covidkafka.schema;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Streams records out of a CSV or JSON byte stream (a file, an HTTP body) with exact positions, never holding
 * more than one record (bounded by {@link ParseOptions#maxRecordBytes()}) in memory.
 *
 * <p>Framing happens on bytes: {@link RecordFramer} finds where each record ends (an unquoted line end for CSV;
 * the end of one JSON value, in lines, concatenated or as elements of a top-level array, for JSON). Each record's
 * bytes then go through the same {@link RecordParser} the Spark datasource uses for a Kafka message.
 *
 * <p>Positions: {@link #recordOffset()} is the byte offset of a record's first byte, {@link #endOffset()} the
 * offset just past it (and its line end), so {@code open(stream, options, endOffset(), endLine())} on a fresh
 * stream of the same content resumes exactly after the record. A UTF-8 byte order mark is skipped but counted.
 */
public final class FeedReader implements Closeable {

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final ParseOptions options;
    private final RecordFramer framer;
    private final int maxRecord;
    private RecordParser parser;
    private List<String> header;

    private byte[] buf = new byte[CHUNK];
    private long base; // stream offset of buf[0]
    private int pos;
    private int limit;
    private boolean eof;

    private int frameStart;
    private long frameStartAbs;
    private boolean inFrame;
    private boolean oversize;

    private long recordLine;
    private long recordOffset;
    private long endOffset;
    private long recordSize;
    private Rejection rejection;
    private long records;

    private FeedReader(InputStream in, ParseOptions options) {
        this.in = in;
        this.options = options;
        this.maxRecord = options.maxRecordBytes();
        this.framer = options.format() == FeedFormat.CSV
                ? new RecordFramer.Csv(options.csvDelimiter(), options.csvQuote())
                : new RecordFramer.Json();
    }

    /** Opens a reader at the start of the stream. */
    public static FeedReader open(InputStream in, ParseOptions options) throws IOException {
        return open(in, options, 0, 1);
    }

    /**
     * Opens a reader over a stream that starts at byte 0 of the content and resumes at {@code resumeOffset}
     * (an {@link #endOffset()} from an earlier read), numbering lines from {@code resumeLine}. A CSV header is
     * always read from the start first.
     */
    public static FeedReader open(InputStream in, ParseOptions options, long resumeOffset, long resumeLine) throws IOException {
        FeedReader r = new FeedReader(in, options);
        r.start(resumeOffset, resumeLine);
        return r;
    }

    private void start(long resumeOffset, long resumeLine) throws IOException {
        fill();
        fillAtLeast(3); // a first read may return fewer bytes than a byte order mark has
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            pos = 3;
        }
        if (options.format() == FeedFormat.CSV) {
            if (options.csvHeader()) {
                if (nextFrame()) {
                    header = CsvRecordParser.splitHeader(buf, frameStart, frameLength(), options);
                    parser = RecordParser.csvWithHeader(options, header);
                } else {
                    parser = RecordParser.create(options);
                }
            } else {
                parser = RecordParser.create(options);
            }
        } else {
            ((RecordFramer.Json) framer).detectArray(this);
            parser = RecordParser.create(options);
        }
        if (resumeOffset > absolute(pos)) {
            if (framer instanceof RecordFramer.Json json && json.inArray()) {
                // whether the top-level array is still open at the resume point depends on every record before it
                // (a stray ']' closes it): frame, without parsing, up to the resume point as a full read would
                while (absolute(pos) < resumeOffset && nextFrame()) {
                    // framing only
                }
            }
            skipTo(resumeOffset);
            framer.setLine(resumeLine);
        }
    }

    /** The CSV header names, or null for JSON, headerless CSV or an empty stream. */
    public List<String> header() {
        return header;
    }

    /**
     * Reads the next record and writes its values to {@code out}.
     *
     * @return false at the end of the stream; otherwise check {@link #rejection()}
     */
    public boolean next(RowWriter out) throws IOException {
        if (!nextFrame()) {
            return false;
        }
        records++;
        if (oversize) {
            rejection = Rejection.of(RejectReason.RECORD_TOO_LARGE, null, null, null,
                    "record of " + recordSize + " bytes exceeds the maximum of " + maxRecord + " bytes")
                    .at(recordLine, recordOffset);
        } else {
            Rejection r = parser.parse(buf, frameStart, frameLength(), out);
            rejection = r == null ? null : r.at(recordLine, recordOffset);
        }
        return true;
    }

    /** Why the last record was rejected, placed at its line and offset; null when it was accepted. */
    public Rejection rejection() {
        return rejection;
    }

    /** 1-based line on which the last record starts. */
    public long recordLine() {
        return recordLine;
    }

    /** Byte offset of the last record's first byte. */
    public long recordOffset() {
        return recordOffset;
    }

    /** Byte offset just past the last record and its line end: where a resumed reader continues. */
    public long endOffset() {
        return endOffset;
    }

    /** The line number a reader resumed at {@link #endOffset()} continues with. */
    public long endLine() {
        return framer.line();
    }

    /** The last record's raw bytes live in {@code rawBuffer()[rawOffset(), rawOffset()+rawLength())} until the next call. */
    public byte[] rawBuffer() {
        return buf;
    }

    public int rawOffset() {
        return frameStart;
    }

    /** Length of the raw record kept; an oversized record keeps only its first {@code maxRecordBytes}. */
    public int rawLength() {
        return frameLength();
    }

    /** A copy of the last record's raw bytes. */
    public byte[] raw() {
        return Arrays.copyOfRange(buf, frameStart, frameStart + frameLength());
    }

    /** Records framed so far (accepted plus rejected). */
    public long recordsRead() {
        return records;
    }

    /** Bytes of the stream consumed so far. */
    public long bytesRead() {
        return absolute(pos);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- framing -------------------------------------------------------------------------------------------

    private int frameLength() {
        return oversize ? maxRecord : frameEndIndex - frameStart;
    }

    private int frameEndIndex;

    /** Positions the next frame in the buffer; false at end of stream. */
    private boolean nextFrame() throws IOException {
        inFrame = false;
        oversize = false;
        if (!framer.skipBetweenRecords(this)) {
            return false;
        }
        inFrame = true;
        frameStart = pos;
        frameStartAbs = absolute(pos);
        recordLine = framer.line();
        framer.beginRecord();
        while (true) {
            int end = framer.scan(buf, pos, limit);
            if (end >= 0) {
                pos = end;
                break;
            }
            pos = limit;
            if (!fill()) {
                break; // end of stream ends the record
            }
        }
        recordOffset = frameStartAbs;
        recordSize = absolute(pos) - frameStartAbs;
        oversize = recordSize > maxRecord;
        framer.consumeTerminator(this);
        // the terminator (an LF after a CR at the end of the buffer) may have needed a fill, which moves the frame
        // to the start of the buffer: its end is where it starts plus its (kept) length, not the old index
        frameEndIndex = frameStart + (int) Math.min(recordSize, maxRecord);
        endOffset = absolute(pos);
        inFrame = false;
        return true;
    }

    long absolute(int index) {
        return base + index;
    }

    /** Next byte without consuming it, or -1 at end of stream. */
    int peek() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos] & 0xFF;
    }

    void advance() {
        pos++;
    }

    /**
     * Makes bytes available at {@code pos}, keeping the current frame (or, for an oversized one, its first
     * {@code maxRecord} bytes). Returns false at end of stream.
     */
    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        int keepFrom = inFrame ? frameStart : pos;
        int keepLen = limit - keepFrom;
        if (inFrame && keepLen > maxRecord) {
            keepLen = maxRecord; // past the bound: keep a prefix for the rejection, drop the rest
        }
        long newBase = base + limit - keepLen;
        if (keepLen > 0 && keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, keepLen);
        }
        if (buf.length - keepLen < CHUNK / 2) {
            buf = Arrays.copyOf(buf, Math.min(Math.max(buf.length * 2, keepLen + CHUNK), maxRecord + 2 * CHUNK));
        }
        base = newBase;
        if (inFrame) {
            frameStart = 0;
        }
        pos = keepLen;
        limit = keepLen;
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                break;
            }
            if (n > 0) {
                limit += n;
                break;
            }
        }
        return pos < limit;
    }

    /** Reads on (at the start of the stream) until {@code n} bytes are buffered or the stream ends. */
    private void fillAtLeast(int n) throws IOException {
        while (limit < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
    }

    private void skipTo(long offset) throws IOException {
        while (absolute(pos) < offset) {
            if (pos >= limit && !fill()) {
                return;
            }
            pos = (int) Math.min(limit, pos + (offset - absolute(pos)));
        }
    }
}
