package io.covidkafka.spark;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.Map;

/**
 * One task's use of a pooled producer: asynchronous sends whose first error fails the task (at the next send or
 * at {@link #flush()}), a flush before commit, and the producer back in the pool afterwards.
 */
final class PooledSender implements RecordSink, Callback {

    private final Map<String, Object> clientParams;
    private KafkaProducer<byte[], byte[]> producer;
    private volatile Exception failure;
    private long sent;

    PooledSender(Map<String, Object> clientParams) {
        this.clientParams = clientParams;
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> record) {
        checkFailure();
        if (producer == null) {
            producer = ProducerPool.shared().borrow(clientParams);
        }
        producer.send(record, this);
        sent++;
    }

    /** Waits until every record sent so far is acknowledged; throws if any send failed. */
    @Override
    public void flush() {
        if (producer != null) {
            producer.flush();
        }
        checkFailure();
    }

    long sent() {
        return sent;
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
            String hint = e instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    ? " (a row is larger than the topic or producer accepts: set the maxRecordBytes option below the"
                    + " topic's max.message.bytes to route such rows by mode)" : "";
            throw new IllegalStateException("sending to Kafka failed: " + e + hint, e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            ProducerPool.shared().release(clientParams, producer, failure != null);
            producer = null;
        }
    }
}
