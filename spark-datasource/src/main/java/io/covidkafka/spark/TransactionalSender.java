package io.covidkafka.spark;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * One write task's Kafka transaction ({@code transactional=true}): every record of the task (dead letters
 * included) becomes visible to {@code read_committed} consumers at once when the task commits, or never.
 *
 * <p>The transactional.id is {@code <prefix>-<Spark partition>}: a retried or speculative attempt of the same
 * partition fences the older one (Kafka aborts its open transaction), so at most one attempt's records commit.
 *
 * <p>Streaming writes also commit, inside the same transaction, a marker: the consumer-group offset
 * {@code epoch + 1} of a group named after the transactional.id. A replayed epoch (Spark re-runs the last batch
 * after a crash between the sink commit and its commit log) finds the marker and writes nothing again.
 *
 * <p>WHY not pooled: a transactional producer is bound to its transactional.id and is fenced for good as soon as
 * another instance initialises the same id (e.g. the partition ran on another executor), so reusing one across
 * tasks would fail tasks at random; a fresh producer per task fences the others instead.
 */
final class TransactionalSender implements RecordSink, Callback {

    private final Map<String, Object> producerParams;
    private final Map<String, Object> adminParams;
    private final String transactionalId;
    private final long epochId;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean inTransaction;
    private String markerTopic;
    private volatile Exception failure;
    private Boolean alreadyCommitted;

    /**
     * @param clientParams    the kafka.* settings
     * @param transactionalId this partition's id
     * @param epochId         the streaming epoch (batch id), or -1 for a batch write
     */
    TransactionalSender(Map<String, Object> clientParams, String transactionalId, long epochId) {
        this.producerParams = ProducerPool.producerSettings(clientParams);
        producerParams.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        Set<String> adminNames = AdminClientConfig.configNames();
        this.adminParams = new HashMap<>();
        clientParams.forEach((k, v) -> {
            if (adminNames.contains(k)) {
                adminParams.put(k, v);
            }
        });
        this.transactionalId = transactionalId;
        this.epochId = epochId;
    }

    /** True when this streaming epoch was already committed for this partition (then nothing is sent). */
    boolean alreadyCommitted() {
        if (alreadyCommitted == null) {
            alreadyCommitted = epochId >= 0 && committedEpoch() >= epochId;
        }
        return alreadyCommitted;
    }

    /** The last epoch whose marker committed for this partition, or -1. */
    private long committedEpoch() {
        try (Admin admin = Admin.create(adminParams)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(transactionalId,
                    new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(o -> o.offset() - 1)
                    .max().orElse(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the commit marker of " + transactionalId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the commit marker of " + transactionalId + ": "
                    + e.getCause(), e.getCause());
        }
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> record) {
        checkFailure();
        begin();
        if (markerTopic == null) {
            markerTopic = record.topic();
        }
        producer.send(record, this);
    }

    private void begin() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerParams);
            producer.initTransactions(); // fences older attempts of this partition and aborts their transaction
        }
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    @Override
    public void flush() {
        if (producer != null) {
            producer.flush();
        }
        checkFailure();
    }

    /** Flushes, adds the epoch marker (streaming) and commits the transaction. */
    void commit() {
        if (!inTransaction) {
            return; // nothing sent (or the epoch was already committed)
        }
        try {
            flush();
            if (epochId >= 0) {
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(markerTopic, 0),
                        new OffsetAndMetadata(epochId + 1, "covid-kafka epoch " + epochId)),
                        new ConsumerGroupMetadata(transactionalId));
            }
            producer.commitTransaction();
            inTransaction = false;
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            throw e;
        }
    }

    /** Aborts the open transaction, if any: nothing of this attempt becomes visible to read_committed readers. */
    void abort() {
        if (inTransaction) {
            inTransaction = false;
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e; // fenced or broken: closing is all that is left
                }
            }
        }
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null && failure == null) {
            failure = exception;
        }
    }

    private void checkFailure() {
        Exception e = failure;
        if (e != null) {
            throw new IllegalStateException("sending to Kafka failed: " + e, e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            abort();
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
