package io.covidkafka.spark;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Where a task's records go: a pooled at-least-once producer, or a per-task transaction. */
interface RecordSink extends AutoCloseable {

    /** Sends asynchronously; throws if an earlier send of this sink failed. */
    void send(ProducerRecord<byte[], byte[]> record);

    /** Waits until everything sent so far is acknowledged; throws if any send failed. */
    void flush();

    @Override
    void close();
}
