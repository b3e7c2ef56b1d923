package io.covidkafka.spark;

import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.streaming.ContinuousPartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.ContinuousStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.PartitionOffset;

/** Spark's {@code KafkaContinuousStream} with typed partition readers; every offset decision is delegated. */
final class TypedContinuousStream implements ContinuousStream {

    private final ContinuousStream raw;
    private final CovidKafkaOptions options;
    private final ReadAccumulators accumulators;

    TypedContinuousStream(ContinuousStream raw, CovidKafkaOptions options, ReadAccumulators accumulators) {
        this.raw = raw;
        this.options = options;
        this.accumulators = accumulators;
    }

    @Override
    public InputPartition[] planInputPartitions(Offset start) {
        return raw.planInputPartitions(start);
    }

    @Override
    public ContinuousPartitionReaderFactory createContinuousReaderFactory() {
        return new TypedReaderFactory.Continuous(raw.createContinuousReaderFactory(), options, accumulators);
    }

    @Override
    public Offset mergeOffsets(PartitionOffset[] offsets) {
        return raw.mergeOffsets(offsets);
    }

    @Override
    public boolean needsReconfiguration() {
        return raw.needsReconfiguration();
    }

    @Override
    public Offset initialOffset() {
        return raw.initialOffset();
    }

    @Override
    public Offset deserializeOffset(String json) {
        return raw.deserializeOffset(json);
    }

    @Override
    public void commit(Offset end) {
        raw.commit(end);
    }

    @Override
    public void stop() {
        raw.stop();
    }

    @Override
    public String toString() {
        return "covid-kafka " + raw;
    }
}
