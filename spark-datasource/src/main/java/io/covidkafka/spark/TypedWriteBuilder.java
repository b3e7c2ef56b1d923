package io.covidkafka.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;
import org.apache.spark.sql.internal.connector.SupportsStreamingUpdateAsAppend;
import org.apache.spark.sql.types.StructType;

/**
 * Builds batch and streaming writes. A topic is an append-only log: "truncate" (complete output mode, batch
 * overwrite) cannot delete what is there and just appends the new result; update mode appends the updated rows.
 * The input columns are checked against the schema here, on the driver, before any task runs.
 */
final class TypedWriteBuilder implements WriteBuilder, SupportsTruncate, SupportsStreamingUpdateAsAppend {

    private final CovidKafkaOptions options;
    private final StructType input;
    private final WriteAccumulators totals;
    /** Spark's query id: stable across restarts of a streaming query from its checkpoint. */
    private final String queryId;

    TypedWriteBuilder(CovidKafkaOptions options, StructType input, String queryId, WriteAccumulators totals) {
        this.options = options;
        this.input = input;
        this.queryId = queryId;
        this.totals = totals;
    }

    @Override
    public WriteBuilder truncate() {
        return this;
    }

    @Override
    public Write build() {
        WritePlan plan = WritePlan.of(input, options);
        options.kafkaClientParams(); // no bootstrap servers: fail now, not in a task
        String prefix = !options.transactional() ? null
                : options.transactionalIdPrefix() != null ? options.transactionalIdPrefix() : "covid-kafka-" + queryId;
        return new KafkaWrite(options, plan, totals, prefix);
    }

    /**
     * At-least-once writes (tasks flush before commit; nothing is rolled back on abort), or with
     * {@code transactional=true} one Kafka transaction per task, committed only by the attempt Spark's commit
     * coordinator authorises.
     */
    static final class KafkaWrite implements Write, BatchWrite, StreamingWrite {
        private final CovidKafkaOptions options;
        private final WritePlan plan;
        private final WriteAccumulators totals;
        private final String transactionalIdPrefix;

        KafkaWrite(CovidKafkaOptions options, WritePlan plan, WriteAccumulators totals, String transactionalIdPrefix) {
            this.options = options;
            this.plan = plan;
            this.totals = totals;
            this.transactionalIdPrefix = transactionalIdPrefix;
        }

        @Override
        public String description() {
            return "covid-kafka write " + options.valueFormat() + " " + options.schema().toDdl();
        }

        @Override
        public BatchWrite toBatch() {
            return this;
        }

        @Override
        public StreamingWrite toStreaming() {
            return this;
        }

        @Override
        public CustomMetric[] supportedCustomMetrics() {
            return CovidKafkaMetrics.supportedWrite();
        }

        @Override
        public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
            return new TypedWriterFactory(options, plan, totals, transactionalIdPrefix);
        }

        @Override
        public StreamingDataWriterFactory createStreamingWriterFactory(PhysicalWriteInfo info) {
            return new TypedWriterFactory(options, plan, totals, transactionalIdPrefix);
        }

        @Override
        public boolean useCommitCoordinator() {
            return transactionalIdPrefix != null; // one attempt per partition may commit its transaction
        }

        @Override
        public void commit(WriterCommitMessage[] messages) {
        }

        @Override
        public void abort(WriterCommitMessage[] messages) {
        }

        @Override
        public void commit(long epochId, WriterCommitMessage[] messages) {
        }

        @Override
        public void abort(long epochId, WriterCommitMessage[] messages) {
        }
    }
}
