package io.covidkafka.examples;

import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine;

/** Builds an example exactly as its command line would, so the tests also cover the options. */
final class Jobs {

    private Jobs() {
    }

    static <T> T parse(T job, String... args) {
        new CommandLine(job).parseArgs(args);
        return job;
    }

    /** Starts the example on the shared session and waits for it to end (for available-now / once runs). */
    static void runToEnd(StreamingExample job) throws Exception {
        StreamingQuery q = job.start(TestSpark.session());
        if (!q.awaitTermination(120_000)) {
            q.stop();
            throw new AssertionError("query did not end within 120 s: " + q.status());
        }
        if (q.exception().isDefined()) {
            throw new AssertionError("query failed", q.exception().get());
        }
    }
}
