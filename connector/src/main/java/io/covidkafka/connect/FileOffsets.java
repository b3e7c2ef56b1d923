package io.covidkafka.connect;

import java.util.Map;

/**
 * The source partition and offset of a file.
 *
 * <p>Partition: {@code {"file": absolutePath}}. Offset: {@code position}/{@code line} (the FeedReader resume point)
 * plus a content fingerprint: {@code head} (CRC32C of the first {@code headLen} bytes, up to 1 KiB) and
 * {@code check} (CRC32C of the last emitted record's raw bytes, {@code checkLen} bytes at {@code checkAt}).
 * The fingerprint lives in the offset rather than the partition so a file that grows keeps its partition and
 * resumes, while a different file dropped under the same name fails the check and is read in full.
 */
final class FileOffsets {

    static final String FILE = "file";
    static final String URL = "url";
    static final String POSITION = "position";
    static final String LINE = "line";
    static final String HEAD = "head";
    static final String HEAD_LEN = "headLen";
    static final String CHECK = "check";
    static final String CHECK_AT = "checkAt";
    static final String CHECK_LEN = "checkLen";

    private FileOffsets() {
    }

    static Map<String, Object> partition(String path) {
        return Map.of(FILE, path);
    }

    /**
     * An immutable offset map. Compact on purpose: the worker keeps every record's offset until its next offset
     * flush and every in-flight record until the broker acknowledges it, so at high rates these maps add up
     * (an immutable map of 7 entries is about a third of a HashMap's size). {@code head}/{@code headLen} are boxed
     * once per file and shared.
     */
    static Map<String, Object> offset(long position, long line, Long head, Long headLen, long check, long checkAt, long checkLen) {
        return Map.of(POSITION, position, LINE, line, HEAD, head, HEAD_LEN, headLen, CHECK, check, CHECK_AT, checkAt,
                CHECK_LEN, checkLen);
    }

    /** Typed view of a stored offset; {@link #parse} throws IllegalArgumentException naming the bad entry. */
    record Stored(long position, long line, long head, long headLen, long check, long checkAt, long checkLen) {
    }

    static Stored parse(Map<String, ?> offset) {
        return new Stored(number(offset, POSITION, 0), number(offset, LINE, 1), number(offset, HEAD, Long.MIN_VALUE),
                number(offset, HEAD_LEN, 0), number(offset, CHECK, Long.MIN_VALUE), number(offset, CHECK_AT, 0),
                number(offset, CHECK_LEN, 0));
    }

    private static long number(Map<String, ?> m, String key, long min) {
        Object v = m.get(key);
        if (!(v instanceof Number n) || v instanceof Double || v instanceof Float) {
            throw new IllegalArgumentException("file offset entry '" + key + "' must be an integer, was " + v);
        }
        long l = n.longValue();
        if (l < min) {
            throw new IllegalArgumentException("file offset entry '" + key + "' must be >= " + min + ", was " + l);
        }
        return l;
    }
}
