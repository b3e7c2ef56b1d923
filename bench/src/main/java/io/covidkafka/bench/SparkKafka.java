package io.covidkafka.bench;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;

/** An in-process KRaft broker and a local[2] SparkSession in the same JVM, for the datasource benchmarks. */
final class SparkKafka implements AutoCloseable {

    final EmbeddedKafkaBroker broker;
    final SparkSession spark;
    final TopicCounter counter;

    SparkKafka(int partitions) {
        broker = EmbeddedKafkaBroker.builder().defaultPartitions(partitions).build();
        broker.start();
        counter = new TopicCounter(broker.bootstrapServers());
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("covid-kafka-bench")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** Producer settings of the ceilings: the same batching covid-kafka's writer uses by default. */
    Map<String, Object> producerProps(Map<String, String> overrides) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        // the shared 2-core machine can stall the broker for seconds: wait rather than fail a request
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        // twice an idempotent producer here got stuck resending sequence 0 (OutOfOrderSequenceException) on a fresh
        // topic; acks=all without idempotence, as Connect's own producers run; the count check catches duplicates
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putAll(overrides);
        return p;
    }

    /** Sends {@code rows} values (cycling through {@code values}); returns the number sent, all acknowledged. */
    long produce(String topic, List<byte[]> values, long rows, Map<String, String> overrides) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(overrides),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic);
            SendErrors errors = new SendErrors();
            for (long i = 0; i < rows; i++) {
                producer.send(new ProducerRecord<>(topic, values.get((int) (i % values.size()))), errors);
            }
            producer.flush();
            errors.check(topic);
        }
        return rows;
    }

    @Override
    public void close() {
        spark.stop();
        counter.close();
        broker.close();
    }
}
