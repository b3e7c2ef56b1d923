package io.covidkafka.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Counts failed sends of a ceiling producer, so a run that lost records fails instead of looking fast. */
final class SendErrors implements Callback {

    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failed.incrementAndGet();
            first.compareAndSet(null, exception);
        }
    }

    void check(String topic) {
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " sends to " + topic + " failed", first.get());
        }
    }
}
