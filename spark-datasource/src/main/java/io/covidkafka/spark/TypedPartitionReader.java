package io.covidkafka.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.streaming.ContinuousPartitionReader;
import org.apache.spark.sql.connector.read.streaming.PartitionOffset;

import java.io.IOException;

/**
 * Reads Spark's kafka partition reader and hands out typed rows. Dropped records are skipped here, so offsets
 * (and, in continuous mode, {@link #getOffset()}) stay those of Spark's reader.
 */
class TypedPartitionReader implements PartitionReader<InternalRow> {

    protected final PartitionReader<InternalRow> raw;
    private final RecordDecoder decoder;
    private final ReadCounters counters = new ReadCounters();
    private final ReadAccumulators accumulators;
    private InternalRow current;

    TypedPartitionReader(PartitionReader<InternalRow> raw, CovidKafkaOptions options, ReadAccumulators accumulators) {
        this.raw = raw;
        this.decoder = new RecordDecoder(options, counters);
        this.accumulators = accumulators;
    }

    @Override
    public boolean next() throws IOException {
        while (raw.next()) {
            current = decoder.decode(raw.get());
            if (current != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        CustomTaskMetric[] inner = raw.currentMetricsValues();
        CustomTaskMetric[] out = new CustomTaskMetric[inner.length + 2];
        System.arraycopy(inner, 0, out, 0, inner.length);
        out[inner.length] = CovidKafkaMetrics.taskMetric(CovidKafkaMetrics.ACCEPTED, counters.accepted);
        out[inner.length + 1] = CovidKafkaMetrics.taskMetric(CovidKafkaMetrics.REJECTED, counters.rejected);
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            decoder.flush(); // dead letters are acknowledged before the task can complete
            if (accumulators != null) {
                accumulators.add(counters);
            }
        } finally {
            try {
                decoder.close();
            } finally {
                raw.close();
            }
        }
    }

    /** The continuous-mode reader: the offset is that of Spark's reader. */
    static final class Continuous extends TypedPartitionReader implements ContinuousPartitionReader<InternalRow> {

        Continuous(ContinuousPartitionReader<InternalRow> raw, CovidKafkaOptions options,
                   ReadAccumulators accumulators) {
            super(raw, options, accumulators);
        }

        @Override
        public PartitionOffset getOffset() {
            return ((ContinuousPartitionReader<InternalRow>) raw).getOffset();
        }
    }
}
