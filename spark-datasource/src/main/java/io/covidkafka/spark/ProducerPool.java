package io.covidkafka.spark;

import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka producers of one executor JVM, keyed by their configuration, shared by the tasks and batches that use
 * the same settings and closed when idle (a producer's connections and metadata are expensive to rebuild per task).
 * A task borrows one, flushes it before it commits, and returns it.
 */
final class ProducerPool {

    /** Idle producers are closed after this long. */
    static final Duration IDLE_EVICTION = Duration.ofMinutes(5);

    private static final GenericKeyedObjectPool<Map<String, String>, KafkaProducer<byte[], byte[]>> POOL = create();

    private ProducerPool() {
    }

    private static GenericKeyedObjectPool<Map<String, String>, KafkaProducer<byte[], byte[]>> create() {
        GenericKeyedObjectPoolConfig<KafkaProducer<byte[], byte[]>> config = new GenericKeyedObjectPoolConfig<>();
        config.setMaxTotalPerKey(-1);
        config.setMaxIdlePerKey(8);
        config.setBlockWhenExhausted(false);
        config.setMinEvictableIdleDuration(IDLE_EVICTION);
        config.setTimeBetweenEvictionRuns(Duration.ofMinutes(1));
        config.setJmxEnabled(false);
        GenericKeyedObjectPool<Map<String, String>, KafkaProducer<byte[], byte[]>> pool =
                new GenericKeyedObjectPool<>(new Factory(), config);
        Runtime.getRuntime().addShutdownHook(new Thread(pool::close, "covid-kafka-producer-pool-close"));
        return pool;
    }

    /** Borrows a producer for these client settings (the {@code kafka.*} options without their prefix). */
    static KafkaProducer<byte[], byte[]> borrow(Map<String, Object> clientParams) {
        try {
            return POOL.borrowObject(key(clientParams));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a Kafka producer: " + e.getMessage(), e);
        }
    }

    /** Returns a healthy producer; a producer that saw a send error is destroyed instead ({@code broken}). */
    static void release(Map<String, Object> clientParams, KafkaProducer<byte[], byte[]> producer, boolean broken) {
        Map<String, String> key = key(clientParams);
        try {
            if (broken) {
                POOL.invalidateObject(key, producer);
            } else {
                POOL.returnObject(key, producer);
            }
        } catch (Exception e) {
            producer.close(Duration.ZERO);
        }
    }

    /** Producers currently idle in the pool for these settings (for tests). */
    static int idleCount(Map<String, Object> clientParams) {
        return POOL.getNumIdle(key(clientParams));
    }

    private static Map<String, String> key(Map<String, Object> clientParams) {
        Map<String, String> key = new TreeMap<>();
        clientParams.forEach((k, v) -> key.put(k, String.valueOf(v)));
        return key;
    }

    private static final class Factory
            extends BaseKeyedPooledObjectFactory<Map<String, String>, KafkaProducer<byte[], byte[]>> {

        @Override
        public KafkaProducer<byte[], byte[]> create(Map<String, String> key) {
            Map<String, Object> props = new HashMap<>(key);
            // consumer-only settings passed as kafka.* would only produce warnings
            props.keySet().removeIf(k -> k.equals("group.id") || k.equals("auto.offset.reset")
                    || k.startsWith("max.poll") || k.equals("enable.auto.commit") || k.equals("fetch.max.bytes")
                    || k.equals("isolation.level") || k.equals("session.timeout.ms"));
            props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
            props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            return new KafkaProducer<>(props);
        }

        @Override
        public PooledObject<KafkaProducer<byte[], byte[]>> wrap(KafkaProducer<byte[], byte[]> producer) {
            return new DefaultPooledObject<>(producer);
        }

        @Override
        public void destroyObject(Map<String, String> key, PooledObject<KafkaProducer<byte[], byte[]>> p) {
            p.getObject().close(Duration.ofSeconds(5));
        }
    }
}
