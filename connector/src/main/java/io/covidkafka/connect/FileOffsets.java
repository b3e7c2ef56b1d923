package io.covidkafka.connect;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * The offset of one record: an immutable map of the 7 entries above. The worker keeps every record's offset
     * until the broker acknowledges it, and the task makes one per record, so it is one small object holding
     * primitives (no boxed values, no hash table); entries are boxed only when the worker reads them, which it does
     * for the last acknowledged record of a partition at each offset flush. {@code head}/{@code headLen} are the
     * file's, shared.
     */
    static Map<String, Object> offset(long position, long line, Long head, Long headLen, long check, long checkAt, long checkLen) {
        return new RecordOffset(position, line, head, headLen, check, checkAt, checkLen);
    }

    private static final List<String> KEYS = List.of(POSITION, LINE, HEAD, HEAD_LEN, CHECK, CHECK_AT, CHECK_LEN);

    /** See {@link #offset}; equal to (and serialised as) a map of the same 7 entries. */
    private static final class RecordOffset extends AbstractMap<String, Object> {
        private final long position;
        private final long line;
        private final Long head;
        private final Long headLen;
        private final long check;
        private final long checkAt;
        private final long checkLen;

        RecordOffset(long position, long line, Long head, Long headLen, long check, long checkAt, long checkLen) {
            this.position = position;
            this.line = line;
            this.head = head;
            this.headLen = headLen;
            this.check = check;
            this.checkAt = checkAt;
            this.checkLen = checkLen;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String k)) {
                return null;
            }
            return switch (k) {
                case POSITION -> position;
                case LINE -> line;
                case HEAD -> head;
                case HEAD_LEN -> headLen;
                case CHECK -> check;
                case CHECK_AT -> checkAt;
                case CHECK_LEN -> checkLen;
                default -> null;
            };
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String && KEYS.contains(key);
        }

        @Override
        public int size() {
            return KEYS.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<String> keys = KEYS.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return keys.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            String k = keys.next();
                            return new SimpleImmutableEntry<>(k, get(k));
                        }
                    };
                }

                @Override
                public int size() {
                    return KEYS.size();
                }
            };
        }
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
