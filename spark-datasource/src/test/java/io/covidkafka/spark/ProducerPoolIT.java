package io.covidkafka.spark;

import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor-wide producer pool: keyed by producer settings, reused, closed when idle, broken ones dropped. */
class ProducerPoolIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder()
            .defaultPartitions(2));

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    private Map<String, Object> settings(String clientId) {
        return Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "client.id", clientId);
    }

    @Test
    void reusesByConfigurationAndClosesIdleProducers() throws Exception {
        ProducerPool pool = new ProducerPool(Duration.ofMillis(800), Duration.ofMillis(100));
        try {
            Map<String, Object> a = settings("pool-a");
            Map<String, Object> b = settings("pool-b");
            KafkaProducer<byte[], byte[]> first = pool.borrow(a);
            pool.release(a, first, false);
            KafkaProducer<byte[], byte[]> again = pool.borrow(a);
            assertThat(again).isSameAs(first);
            KafkaProducer<byte[], byte[]> concurrent = pool.borrow(a); // a second task at the same time
            assertThat(concurrent).isNotSameAs(first);
            KafkaProducer<byte[], byte[]> other = pool.borrow(b); // other settings, other producer
            assertThat(other).isNotSameAs(first).isNotSameAs(concurrent);
            pool.release(a, again, false);
            pool.release(a, concurrent, false);
            pool.release(b, other, false);
            assertThat(pool.createdCount(a)).isEqualTo(2);
            assertThat(pool.createdCount(b)).isEqualTo(1);
            assertThat(pool.idleCount(a)).isEqualTo(2);

            // idle past the time-out: evicted and closed
            long deadline = System.currentTimeMillis() + 10_000;
            while (pool.idleCount(a) + pool.idleCount(b) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(pool.idleCount(a)).isZero();
            assertThat(pool.idleCount(b)).isZero();
            assertThatThrownBy(() -> first.send(new ProducerRecord<>("t", new byte[0])))
                    .hasMessageContaining("closed");
            assertThat(pool.borrow(a)).isNotSameAs(first);
            assertThat(pool.createdCount(a)).isEqualTo(3);
        } finally {
            pool.close();
        }
    }

    @Test
    void aProducerThatFailedIsDestroyedNotReturned() {
        ProducerPool pool = new ProducerPool(Duration.ofMinutes(1), Duration.ofMinutes(1));
        try {
            Map<String, Object> a = settings("pool-broken");
            KafkaProducer<byte[], byte[]> broken = pool.borrow(a);
            pool.release(a, broken, true);
            assertThat(pool.idleCount(a)).isZero();
            assertThat(pool.borrow(a)).isNotSameAs(broken);
        } finally {
            pool.close();
        }
    }

    @Test
    void sparkTasksAndBatchesShareTheExecutorsProducers() {
        String topic = TestTopics.unique("pooled");
        KAFKA.createTopic(topic, 2);
        String clientId = TestTopics.unique("spark-pooled");
        Dataset<Row> df = spark.sql("SELECT DATE'2020-09-30' AS Date, concat('P', id) AS Province FROM range(0, 200, 1, 4)");
        for (int batch = 0; batch < 3; batch++) {
            df.write().format("covid-kafka").mode("append").option("kafka.bootstrap.servers", KAFKA.bootstrapServers())
                    .option("kafka.client.id", clientId).option("topic", topic).save();
        }
        assertThat(TestTopics.readAll(KAFKA.bootstrapServers(), topic)).hasSize(600);
        // 3 writes x 4 tasks on local[2]: at most 2 tasks ever run at once, so at most 2 producers were made
        Map<String, Object> key = CovidKafkaOptions.of(Map.of("kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                "kafka.client.id", clientId)).kafkaClientParams();
        assertThat(ProducerPool.shared().createdCount(key)).isBetween(1, 2);
        assertThat(ProducerPool.shared().idleCount(key)).isEqualTo(ProducerPool.shared().createdCount(key));
    }

    @Test
    void aSendErrorFailsTheTaskAndTheQuery() {
        String topic = TestTopics.unique("too-large");
        KAFKA.createTopic(topic, 1);
        String clientId = TestTopics.unique("too-large");
        Dataset<Row> df = spark.sql("SELECT DATE'2020-09-30' AS Date, repeat('x', 5000) AS Province").coalesce(1);
        assertThatThrownBy(() -> df.write().format("covid-kafka").mode("append")
                .option("kafka.bootstrap.servers", KAFKA.bootstrapServers()).option("kafka.client.id", clientId)
                .option("kafka.max.request.size", "1024").option("topic", topic).save())
                .hasStackTraceContaining("sending to Kafka failed")
                .hasStackTraceContaining("RecordTooLargeException");
        assertThat(TestTopics.readAll(KAFKA.bootstrapServers(), topic)).isEmpty();
        Map<String, Object> key = CovidKafkaOptions.of(Map.of("kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                "kafka.client.id", clientId, "kafka.max.request.size", "1024")).kafkaClientParams();
        assertThat(ProducerPool.shared().createdCount(key)).isEqualTo(1);
        assertThat(ProducerPool.shared().idleCount(key)).isZero(); // the failed producer was not put back
    }
}
