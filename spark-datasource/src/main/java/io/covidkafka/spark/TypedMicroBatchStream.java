package io.covidkafka.spark;

import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReportsSourceMetrics;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Spark's {@code KafkaMicroBatchStream} with typed partition readers. It implements the same interfaces
 * (admission control for maxOffsetsPerTrigger, Trigger.AvailableNow, source metrics) and delegates every offset
 * decision, so rate limits and restarts from a checkpoint behave exactly as with {@code format("kafka")}.
 */
final class TypedMicroBatchStream implements MicroBatchStream, SupportsTriggerAvailableNow, ReportsSourceMetrics {

    private final MicroBatchStream raw;
    private final CovidKafkaOptions options;
    private final ReadAccumulators accumulators;

    TypedMicroBatchStream(MicroBatchStream raw, CovidKafkaOptions options, ReadAccumulators accumulators) {
        this.raw = raw;
        this.options = options;
        this.accumulators = accumulators;
    }

    @Override
    public Offset latestOffset() {
        return raw.latestOffset();
    }

    @Override
    public Offset latestOffset(Offset startOffset, ReadLimit limit) {
        return admission().latestOffset(startOffset, limit);
    }

    @Override
    public ReadLimit getDefaultReadLimit() {
        return admission().getDefaultReadLimit();
    }

    @Override
    public Offset reportLatestOffset() {
        return admission().reportLatestOffset();
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        admission().prepareForTriggerAvailableNow();
    }

    @Override
    public InputPartition[] planInputPartitions(Offset start, Offset end) {
        return raw.planInputPartitions(start, end);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new TypedReaderFactory(raw.createReaderFactory(), options, accumulators);
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
    public Map<String, String> metrics(Optional<Offset> latestConsumedOffset) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw instanceof ReportsSourceMetrics m) {
            out.putAll(m.metrics(latestConsumedOffset));
        }
        out.put(CovidKafkaMetrics.ACCEPTED, Long.toString(accumulators.accepted.sum()));
        out.put(CovidKafkaMetrics.REJECTED, Long.toString(accumulators.rejected.sum()));
        return out;
    }

    private SupportsTriggerAvailableNow admission() {
        if (raw instanceof SupportsTriggerAvailableNow s) {
            return s;
        }
        throw new UnsupportedOperationException("Spark's kafka stream " + raw.getClass().getName()
                + " no longer supports admission control / Trigger.AvailableNow");
    }

    @Override
    public String toString() {
        return "covid-kafka " + raw;
    }
}
