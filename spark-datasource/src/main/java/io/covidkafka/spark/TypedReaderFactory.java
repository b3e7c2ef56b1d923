package io.covidkafka.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.ContinuousPartitionReader;
import org.apache.spark.sql.connector.read.streaming.ContinuousPartitionReaderFactory;

/** Wraps the reader factory of Spark's kafka source so every partition reader yields typed rows. */
class TypedReaderFactory implements PartitionReaderFactory {

    private static final long serialVersionUID = 1L;

    private final PartitionReaderFactory raw;
    final CovidKafkaOptions options;
    final ReadAccumulators accumulators;

    TypedReaderFactory(PartitionReaderFactory raw, CovidKafkaOptions options, ReadAccumulators accumulators) {
        this.raw = raw;
        this.options = options;
        this.accumulators = accumulators;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        return new TypedPartitionReader(raw.createReader(partition), options, accumulators);
    }

    /** The continuous-mode factory. */
    static final class Continuous extends TypedReaderFactory implements ContinuousPartitionReaderFactory {

        private static final long serialVersionUID = 1L;

        private final ContinuousPartitionReaderFactory rawContinuous;

        Continuous(ContinuousPartitionReaderFactory raw, CovidKafkaOptions options, ReadAccumulators accumulators) {
            super(raw, options, accumulators);
            this.rawContinuous = raw;
        }

        @Override
        public ContinuousPartitionReader<InternalRow> createReader(InputPartition partition) {
            return new TypedPartitionReader.Continuous(rawContinuous.createReader(partition), options, accumulators);
        }
    }
}
