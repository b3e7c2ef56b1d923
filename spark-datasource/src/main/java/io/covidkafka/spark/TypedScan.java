package io.covidkafka.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.ContinuousStream;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;

/**
 * A scan of Spark's own kafka source whose rows are parsed into the declared columns. Planning, offsets, rate
 * limits and checkpoints are those of Spark's kafka source; only the partition readers are wrapped.
 */
final class TypedScan implements Scan {

    private final Scan raw;
    private final CovidKafkaOptions options;
    private final StructType schema;

    TypedScan(Scan raw, CovidKafkaOptions options) {
        this.raw = raw;
        this.options = options;
        this.schema = SparkSchemas.readSchema(options);
    }

    @Override
    public StructType readSchema() {
        return schema;
    }

    @Override
    public String description() {
        return "covid-kafka[" + options.valueFormat() + ", " + options.mode() + ", " + options.schema().toDdl()
                + "] over " + raw.description();
    }

    @Override
    public Batch toBatch() {
        Batch batch = raw.toBatch();
        ReadAccumulators accumulators = ReadAccumulators.register();
        return new Batch() {
            @Override
            public InputPartition[] planInputPartitions() {
                return batch.planInputPartitions();
            }

            @Override
            public PartitionReaderFactory createReaderFactory() {
                return new TypedReaderFactory(batch.createReaderFactory(), options, accumulators);
            }
        };
    }

    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
        return new TypedMicroBatchStream(raw.toMicroBatchStream(checkpointLocation), options,
                ReadAccumulators.register());
    }

    @Override
    public ContinuousStream toContinuousStream(String checkpointLocation) {
        return new TypedContinuousStream(raw.toContinuousStream(checkpointLocation), options,
                ReadAccumulators.register());
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        CustomMetric[] inner = raw.supportedCustomMetrics();
        CustomMetric[] ours = CovidKafkaMetrics.supported();
        CustomMetric[] out = new CustomMetric[inner.length + ours.length];
        System.arraycopy(inner, 0, out, 0, inner.length);
        System.arraycopy(ours, 0, out, inner.length, ours.length);
        return out;
    }

    @Override
    public CustomTaskMetric[] reportDriverMetrics() {
        return raw.reportDriverMetrics();
    }

    /** Builds the typed scan over the scan builder of Spark's kafka table. */
    static final class Builder implements ScanBuilder {
        private final ScanBuilder raw;
        private final CovidKafkaOptions options;

        Builder(ScanBuilder raw, CovidKafkaOptions options) {
            this.raw = raw;
            this.options = options;
        }

        @Override
        public Scan build() {
            return new TypedScan(raw.build(), options);
        }
    }
}
