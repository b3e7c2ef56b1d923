package io.covidkafka.bench;

/**
 * One timed run of one variant: how many rows it moved, the wall time that took, and (filled in by {@link Rounds})
 * the CPU time the whole JVM used meanwhile, which other processes' load on the shared machine barely changes.
 */
record Trial(long rows, long nanos, String note, long cpuNanos) {

    Trial(long rows, long nanos, String note) {
        this(rows, nanos, note, -1);
    }

    Trial(long rows, long nanos) {
        this(rows, nanos, "");
    }

    double rowsPerSecond() {
        return rows * 1e9 / nanos;
    }

    /** Rows per second of JVM CPU time (all threads: broker, worker, Spark, GC, JIT included). */
    double rowsPerCpuSecond() {
        return cpuNanos <= 0 ? Double.NaN : rows * 1e9 / cpuNanos;
    }

    Trial withCpu(long cpu) {
        return new Trial(rows, nanos, note, cpu);
    }

    static Trial since(long rows, long startNanos) {
        return new Trial(rows, System.nanoTime() - startNanos);
    }
}
