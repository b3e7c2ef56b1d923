package io.covidkafka.spark;

import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kafka producers of one executor JVM, keyed by their configuration, shared by the tasks and batches that use
 * the same settings and closed when idle (a producer's connections and metadata are expensive to rebuild per task).
 * A task borrows one, flushes it before it commits, and returns it; a producer that saw a send error is destroyed.
 *
 * <p>Idle time-out and eviction interval are read from the Spark settings Spark's own kafka sink uses for its
 * producer cache: {@code spark.kafka.producer.cache.timeout} (default 10m) and
 * {@code spark.kafka.producer.cache.evictorThreadRunInterval} (default 1m).
 */
final class ProducerPool {

    static final String TIMEOUT_CONF = "spark.kafka.producer.cache.timeout";
    static final String EVICTOR_INTERVAL_CONF = "spark.kafka.producer.cache.evictorThreadRunInterval";

    private static volatile ProducerPool shared;

    private final GenericKeyedObjectPool<Map<String, String>, KafkaProducer<byte[], byte[]>> pool;
    private final Map<Map<String, String>, AtomicInteger> created = new ConcurrentHashMap<>();

    ProducerPool(Duration idleTimeout, Duration evictionInterval) {
        GenericKeyedObjectPoolConfig<KafkaProducer<byte[], byte[]>> config = new GenericKeyedObjectPoolConfig<>();
        config.setMaxTotalPerKey(-1); // one per concurrent task; never block a task waiting for another
        config.setMaxIdlePerKey(-1);
        config.setBlockWhenExhausted(false);
        config.setMinEvictableIdleDuration(idleTimeout);
        config.setTimeBetweenEvictionRuns(evictionInterval);
        config.setNumTestsPerEvictionRun(Integer.MAX_VALUE); // look at every idle producer on each run
        config.setJmxEnabled(false);
        this.pool = new GenericKeyedObjectPool<>(new Factory(), config);
    }

    /** The pool of this JVM (driver or executor), configured from the Spark settings on first use. */
    static ProducerPool shared() {
        ProducerPool p = shared;
        if (p == null) {
            synchronized (ProducerPool.class) {
                p = shared;
                if (p == null) {
                    SparkEnv env = SparkEnv.get();
                    SparkConf conf = env == null ? new SparkConf(false) : env.conf();
                    p = new ProducerPool(Duration.ofMillis(conf.getTimeAsMs(TIMEOUT_CONF, "10m")),
                            Duration.ofMillis(conf.getTimeAsMs(EVICTOR_INTERVAL_CONF, "1m")));
                    ProducerPool closing = p;
                    Runtime.getRuntime().addShutdownHook(new Thread(closing::close, "covid-kafka-producer-pool-close"));
                    shared = p;
                }
            }
        }
        return p;
    }

    /** Borrows a producer for these client settings (the {@code kafka.*} options without their prefix). */
    KafkaProducer<byte[], byte[]> borrow(Map<String, Object> clientParams) {
        try {
            return pool.borrowObject(key(clientParams));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a Kafka producer: " + e.getMessage(), e);
        }
    }

    /** Returns a healthy producer; a producer that saw a send error is destroyed instead ({@code broken}). */
    void release(Map<String, Object> clientParams, KafkaProducer<byte[], byte[]> producer, boolean broken) {
        Map<String, String> key = key(clientParams);
        try {
            if (broken) {
                pool.invalidateObject(key, producer);
            } else {
                pool.returnObject(key, producer);
            }
        } catch (Exception e) {
            producer.close(Duration.ZERO);
        }
    }

    /** Producers idle in the pool for these settings. */
    int idleCount(Map<String, Object> clientParams) {
        return pool.getNumIdle(key(clientParams));
    }

    /** Producers ever created for these settings. */
    int createdCount(Map<String, Object> clientParams) {
        AtomicInteger n = created.get(key(clientParams));
        return n == null ? 0 : n.get();
    }

    void close() {
        pool.close();
    }

    /** Producer settings from kafka.* options: byte-array serialisers, batching defaults, no consumer-only keys. */
    static Map<String, Object> producerSettings(Map<String, ?> clientParams) {
        Map<String, Object> props = new HashMap<>(clientParams);
        // consumer-only settings passed as kafka.* (the same options serve reads) would only produce warnings
        props.keySet().removeIf(k -> k.equals("group.id") || k.equals("auto.offset.reset")
                || k.startsWith("max.poll") || k.equals("enable.auto.commit") || k.equals("fetch.max.bytes")
                || k.equals("isolation.level") || k.equals("session.timeout.ms")
                || k.equals("partition.assignment.strategy"));
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static Map<String, String> key(Map<String, Object> clientParams) {
        Map<String, String> key = new TreeMap<>();
        clientParams.forEach((k, v) -> key.put(k, String.valueOf(v)));
        return key;
    }

    private final class Factory
            extends BaseKeyedPooledObjectFactory<Map<String, String>, KafkaProducer<byte[], byte[]>> {

        @Override
        public KafkaProducer<byte[], byte[]> create(Map<String, String> key) {
            Map<String, Object> props = producerSettings(key);
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
            created.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return producer;
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
