package io.covidkafka.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a stream as byte arrays without their CR/LF, as FileStreamSource sends them (no charset decoding).
 * Byte by byte: give it a buffered stream, and use it outside timed sections.
 */
final class LineSplitter {

    private final InputStream in;
    private byte[] line = new byte[256];

    LineSplitter(InputStream in) {
        this.in = in;
    }

    byte[] next() throws IOException {
        int len = 0;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (len == line.length) {
                line = Arrays.copyOf(line, len * 2);
            }
            line[len++] = (byte) b;
        }
        if (b == -1 && len == 0) {
            return null;
        }
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return Arrays.copyOf(line, len);
    }
}
