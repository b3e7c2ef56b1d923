package io.covidkafka.bench;

/** One timed run of one variant: how many rows it moved and how long that took. */
record Trial(long rows, long nanos, String note) {

    Trial(long rows, long nanos) {
        this(rows, nanos, "");
    }

    double rowsPerSecond() {
        return rows * 1e9 / nanos;
    }

    static Trial since(long rows, long startNanos) {
        return new Trial(rows, System.nanoTime() - startNanos);
    }
}
