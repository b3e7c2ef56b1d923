package io.covidkafka.reliability;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * A large input generated on the fly: a prefix, {@code fillBytes} repetitions of a pattern, a suffix. While it is
 * read, it samples the heap retained after a full GC every {@code sampleEvery} bytes, so a test can tell whether
 * the reader holds on to what it has read (bounded memory) without the input itself ever being in memory.
 */
final class GeneratedStream extends InputStream {

    private final byte[] prefix;
    private final byte[] pattern;
    private final byte[] suffix;
    private final long total;
    private final long sampleEvery;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long position;
    private long nextSample;
    private long maxRetained;

    GeneratedStream(byte[] prefix, byte[] pattern, long fillBytes, byte[] suffix, long sampleEvery) {
        this.prefix = prefix;
        this.pattern = pattern;
        this.suffix = suffix;
        this.total = prefix.length + fillBytes + suffix.length;
        this.sampleEvery = sampleEvery;
        this.nextSample = sampleEvery;
    }

    /** Heap in use after a full GC, in bytes. */
    static long retainedHeap() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        m.gc();
        return m.getHeapMemoryUsage().getUsed();
    }

    long maxRetained() {
        return maxRetained;
    }

    long length() {
        return total;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= total) {
            return -1;
        }
        if (position >= nextSample) {
            memory.gc();
            maxRetained = Math.max(maxRetained, memory.getHeapMemoryUsage().getUsed());
            nextSample += sampleEvery;
        }
        int n = (int) Math.min(len, total - position);
        long fillEnd = total - suffix.length;
        for (int i = 0; i < n; i++) {
            long p = position + i;
            byte v;
            if (p < prefix.length) {
                v = prefix[(int) p];
            } else if (p < fillEnd) {
                v = pattern[(int) ((p - prefix.length) % pattern.length)];
            } else {
                v = suffix[(int) (p - fillEnd)];
            }
            b[off + i] = v;
        }
        position += n;
        return n;
    }
}
