package io.covidkafka.spark;

import io.covidkafka.schema.Rejection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends rejected records to the dead-letter topic: the raw value bytes and the original key, with headers that say
 * why ({@code covidkafka.reason}, {@code covidkafka.field}, {@code covidkafka.error}) and where the record came
 * from ({@code covidkafka.source.topic}, {@code .partition}, {@code .offset}) when it came from Kafka.
 */
final class DeadLetters implements AutoCloseable {

    static final String REASON = "covidkafka.reason";
    static final String FIELD = "covidkafka.field";
    static final String ERROR = "covidkafka.error";
    static final String SOURCE_TOPIC = "covidkafka.source.topic";
    static final String SOURCE_PARTITION = "covidkafka.source.partition";
    static final String SOURCE_OFFSET = "covidkafka.source.offset";

    private final String topic;
    private final RecordSink sender;
    private final boolean ownsSender;

    /** Dead letters through their own pooled producer. */
    DeadLetters(String topic, Map<String, Object> clientParams) {
        this(topic, new PooledSender(clientParams), true);
    }

    /** Dead letters through a sink the caller owns (a transactional write puts them in its transaction). */
    DeadLetters(String topic, RecordSink sender, boolean ownsSender) {
        this.topic = topic;
        this.sender = sender;
        this.ownsSender = ownsSender;
    }

    /** A rejected Kafka record; {@code sourceTopic} null when the record did not come from Kafka. */
    void send(byte[] key, byte[] value, Rejection rejection, String sourceTopic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, bytes(rejection.reason().name()));
        if (rejection.field() != null) {
            headers.add(FIELD, bytes(rejection.field()));
        }
        headers.add(ERROR, bytes(rejection.message()));
        if (sourceTopic != null) {
            headers.add(SOURCE_TOPIC, bytes(sourceTopic));
            headers.add(SOURCE_PARTITION, bytes(Integer.toString(partition)));
            headers.add(SOURCE_OFFSET, bytes(Long.toString(offset)));
        }
        sender.send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    void flush() {
        sender.flush();
    }

    @Override
    public void close() {
        if (ownsSender) {
            sender.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
