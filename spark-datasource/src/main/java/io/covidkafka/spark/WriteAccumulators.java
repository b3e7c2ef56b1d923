package io.covidkafka.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Driver-visible totals of one write (since its query started): records written and rows rejected. Tasks add their
 * counts when they commit; a streaming query shows them in its progress ({@code sink.metrics}).
 */
final class WriteAccumulators implements Serializable {

    private static final long serialVersionUID = 1L;

    final LongAccumulator written;
    final LongAccumulator rejected;

    private WriteAccumulators(LongAccumulator written, LongAccumulator rejected) {
        this.written = written;
        this.rejected = rejected;
    }

    /** Registers new accumulators; driver side only. */
    static WriteAccumulators register() {
        var sc = SparkSession.active().sparkContext();
        return new WriteAccumulators(sc.longAccumulator("covid-kafka written records"),
                sc.longAccumulator("covid-kafka rejected rows"));
    }

    Map<String, String> asMetrics() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(CovidKafkaMetrics.WRITTEN, Long.toString(written.sum()));
        out.put(CovidKafkaMetrics.REJECTED, Long.toString(rejected.sum()));
        return out;
    }
}
