package io.covidkafka.connect;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-URL memory of what an HTTP feed published: a 64-bit hash of each row's key mapped to a 32-bit hash
 * of the row's raw bytes, encoded as base64 of 12-byte entries so it fits in a source offset.
 */
final class RowDigest {

    static final int ENTRY_BYTES = 12;

    private RowDigest() {
    }

    static String encode(Map<Long, Integer> digest) {
        ByteBuffer b = ByteBuffer.allocate(digest.size() * ENTRY_BYTES);
        digest.forEach((k, v) -> b.putLong(k).putInt(v));
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** Decodes {@link #encode}'s output; throws IllegalArgumentException for anything else. */
    static Map<Long, Integer> decode(String s) {
        byte[] raw = Base64.getDecoder().decode(s);
        if (raw.length % ENTRY_BYTES != 0) {
            throw new IllegalArgumentException("row digest length " + raw.length + " is not a multiple of " + ENTRY_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        Map<Long, Integer> out = new HashMap<>(raw.length / ENTRY_BYTES * 2);
        while (b.hasRemaining()) {
            out.put(b.getLong(), b.getInt());
        }
        return out;
    }

    /** 64-bit FNV-1a over the characters, with a murmur3 finalizer to spread the bits. */
    static long hash64(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    static long hash64(byte[] b, int off, int len) {
        long h = 0xcbf29ce484222325L;
        for (int i = off; i < off + len; i++) {
            h ^= b[i] & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
