package io.covidkafka.cli;

import java.io.PrintWriter;

/**
 * Progress on stderr for inputs that take more than a few seconds; silent for quick ones so that small runs
 * (and tests) print only their results. Checked every few thousand records: the clock is not read per record.
 */
final class Progress {
    private static final long QUIET_NANOS = 3_000_000_000L;
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final String name;
    private final long started = System.nanoTime();
    private long lastPrint = started;
    private boolean printed;

    Progress(PrintWriter err, String name) {
        this.err = err;
        this.name = name;
    }

    void update(long records, long bytes) {
        long now = System.nanoTime();
        if (now - started < QUIET_NANOS || now - lastPrint < EVERY_NANOS) {
            return;
        }
        lastPrint = now;
        printed = true;
        double secs = (now - started) / 1e9;
        err.printf("\r%s: %,d records, %,d MB, %.0f s", name, records, bytes >> 20, secs);
        err.flush();
    }

    void done() {
        if (printed) {
            err.println();
            err.flush();
        }
    }
}
