package io.covidkafka.connect;

import io.covidkafka.schema.FeedReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one file (gzip when its name ends in .gz) from its stored resume point, one record at a time. */
final class FileFeed implements Feed {

    private static final Logger log = LoggerFactory.getLogger(FileFeed.class);
    static final int HEAD_BYTES = 1024;

    private final Path path;
    private final String origin;
    private final Map<String, Object> partition;
    private final RecordFactory factory;
    private final FeedReader reader;
    private final Long head; // boxed once: shared by every offset of the file
    private final Long headLen;
    private final CRC32C crc = new CRC32C();
    private long bytesCounted;

    private FileFeed(Path path, RecordFactory factory, FeedReader reader, long head, long headLen, long startAt) {
        this.path = path;
        this.origin = path.toString();
        this.partition = FileOffsets.partition(origin);
        this.factory = factory;
        this.reader = reader;
        this.head = head;
        this.headLen = headLen;
        this.bytesCounted = startAt;
    }

    /**
     * Where reading {@code path} starts given its stored offset: the stored resume point when the file's
     * fingerprint still matches, else 0 (a different file under the same name is read in full).
     */
    static FileOffsets.Stored resumePoint(Path path, Map<String, ?> storedOffset) throws IOException {
        byte[] headBytes = readAt(path, 0, HEAD_BYTES);
        if (storedOffset == null) {
            return new FileOffsets.Stored(0, 1, crc(headBytes, headBytes.length), headBytes.length, 0, 0, 0);
        }
        FileOffsets.Stored s = FileOffsets.parse(storedOffset);
        boolean headMatches = s.headLen() <= headBytes.length && crc(headBytes, (int) s.headLen()) == s.head();
        boolean checkMatches = false;
        if (headMatches) {
            byte[] check = readAt(path, s.checkAt(), (int) s.checkLen());
            checkMatches = check.length == s.checkLen() && crc(check, check.length) == s.check();
        }
        if (headMatches && checkMatches) {
            return s;
        }
        log.info("{} does not match its stored fingerprint: a new file under an old name, reading it from the start", path);
        return new FileOffsets.Stored(0, 1, crc(headBytes, headBytes.length), headBytes.length, 0, 0, 0);
    }

    static FileFeed open(Path path, RecordFactory factory, FileOffsets.Stored from) throws IOException {
        InputStream in = content(path);
        try {
            FeedReader reader = FeedReader.open(in, factory.config.parseOptions, from.position(), from.line());
            if (from.position() > 0) {
                log.info("Resuming {} at byte {} line {}", path, from.position(), from.line());
            }
            // Bytes count from 0 for a new file (the header included); a resumed file counts only what follows.
            return new FileFeed(path, factory, reader, from.head(), from.headLen(), from.position() > 0 ? reader.bytesRead() : 0);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The content of a file from byte 0, decompressed when its name ends in .gz. */
    static InputStream content(Path path) throws IOException {
        InputStream raw = Files.newInputStream(path);
        if (path.getFileName().toString().endsWith(".gz")) {
            return new GZIPInputStream(raw, 64 * 1024);
        }
        return raw;
    }

    /** Whether the content length is known without reading it (not for gzip). */
    static boolean plain(Path path) {
        return !path.getFileName().toString().endsWith(".gz");
    }

    private static byte[] readAt(Path path, long at, int len) throws IOException {
        try (InputStream in = new BufferedInputStream(content(path))) {
            try {
                in.skipNBytes(at);
            } catch (java.io.EOFException e) {
                return new byte[0];
            }
            return in.readNBytes(len);
        }
    }

    private static long crc(byte[] b, int len) {
        CRC32C c = new CRC32C();
        c.update(b, 0, len);
        return c.getValue();
    }

    @Override
    public SourceRecord next() throws IOException {
        while (reader.next(factory.writer)) {
            long read = reader.bytesRead();
            factory.metrics.bytesRead.add(read - bytesCounted);
            bytesCounted = read;
            crc.reset();
            crc.update(reader.rawBuffer(), reader.rawOffset(), reader.rawLength());
            Map<String, Object> offset = FileOffsets.offset(reader.endOffset(), reader.endLine(), head, headLen,
                    crc.getValue(), reader.recordOffset(), reader.rawLength());
            SourceRecord r = factory.build(reader, origin, partition, offset);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    @Override
    public SourceRecord finish(SourceRecord last) {
        return last;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public String partitionId() {
        return origin;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
