package io.covidkafka.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;

/** Creates one {@link TypedDataWriter} per task, batch or streaming. */
final class TypedWriterFactory implements DataWriterFactory, StreamingDataWriterFactory {

    private static final long serialVersionUID = 1L;

    private final CovidKafkaOptions options;
    private final WritePlan plan;
    private final WriteAccumulators totals;
    /** transactional.id prefix, or null for at-least-once writes. */
    private final String transactionalIdPrefix;

    TypedWriterFactory(CovidKafkaOptions options, WritePlan plan, WriteAccumulators totals,
                       String transactionalIdPrefix) {
        this.options = options;
        this.plan = plan;
        this.totals = totals;
        this.transactionalIdPrefix = transactionalIdPrefix;
    }

    @Override
    public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
        return new TypedDataWriter(options, plan, totals, sink(partitionId, -1));
    }

    @Override
    public DataWriter<InternalRow> createWriter(int partitionId, long taskId, long epochId) {
        return new TypedDataWriter(options, plan, totals, sink(partitionId, epochId));
    }

    private RecordSink sink(int partitionId, long epochId) {
        if (transactionalIdPrefix == null) {
            return new PooledSender(options.kafkaClientParams());
        }
        return new TransactionalSender(options.kafkaClientParams(), transactionalIdPrefix + "-" + partitionId,
                epochId);
    }
}
