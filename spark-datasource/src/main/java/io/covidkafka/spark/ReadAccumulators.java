package io.covidkafka.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;

/**
 * Driver-visible totals of accepted and rejected records of one query (since it started): tasks add their counts
 * when they finish, the stream reports them in the query progress ({@code sources[].metrics}).
 */
final class ReadAccumulators implements Serializable {

    private static final long serialVersionUID = 1L;

    final LongAccumulator accepted;
    final LongAccumulator rejected;

    private ReadAccumulators(LongAccumulator accepted, LongAccumulator rejected) {
        this.accepted = accepted;
        this.rejected = rejected;
    }

    /** Registers new accumulators; driver side only. */
    static ReadAccumulators register() {
        var sc = SparkSession.active().sparkContext();
        return new ReadAccumulators(sc.longAccumulator("covid-kafka accepted records"),
                sc.longAccumulator("covid-kafka rejected records"));
    }

    void add(ReadCounters counters) {
        accepted.add(counters.accepted);
        rejected.add(counters.rejected);
    }
}
