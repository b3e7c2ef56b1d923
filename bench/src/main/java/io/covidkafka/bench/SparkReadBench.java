package io.covidkafka.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.covidkafka.schema.RecordSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Batch read of a topic of canonical covid JSON values: {@code format("covid-kafka")} (typed by the schema core)
 * vs {@code format("kafka")} + {@code CAST(value AS STRING)} + {@code from_json} with the same schema, both written
 * to Spark's {@code noop} sink so every row and column is produced; Spark's kafka read without parsing, and a plain
 * KafkaConsumer draining the topic (no parsing), as the floors under the two.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "format(\"covid-kafka\") typed read vs format(\"kafka\") + from_json vs KafkaConsumer.")
final class SparkReadBench implements Callable<Integer> {

    static final String OURS = "covid-kafka typed read";
    static final String FROM_JSON = "kafka + CAST + from_json";
    static final String RAW = "kafka raw value (no parsing)";
    static final String CONSUMER = "KafkaConsumer (no parsing)";

    @Option(names = "--rows", defaultValue = "2000000", description = "Records in the topic (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        RunOptions.printHeader("read", rows, run);
        try (SparkKafka env = new SparkKafka(partitions)) {
            String topic = "covid-read";
            env.broker.createTopic(topic, partitions);
            long t0 = System.nanoTime();
            env.produce(topic, PhacData.load().canonicalJson(), rows, Map.of());
            System.out.printf("topic %s: %,d canonical JSON records produced in %.1f s%n", topic,
                    env.counter.count(topic), (System.nanoTime() - t0) / 1e9);
            StructType schema = StructType.fromDDL(RecordSchema.COVID_DDL);
            verifySameValues(env, topic, schema);
            List<Variant> variants = List.of(
                    Variant.of(OURS, r -> timed(() -> ours(env, topic).write().format("noop").mode("overwrite").save())),
                    Variant.of(FROM_JSON, r -> timed(() -> fromJson(env, topic, schema).write().format("noop")
                            .mode("overwrite").save())),
                    Variant.of(RAW, r -> timed(() -> kafka(env, topic).select("value").write().format("noop")
                            .mode("overwrite").save())),
                    Variant.of(CONSUMER, r -> consume(env, topic)));
            Rounds rounds = new Rounds(run.select(variants), run.warmup, run.repeats, System.out).run();
            rounds.printTable();
            rounds.printRatio(OURS, FROM_JSON, 1.5);
            rounds.printRatio(OURS, CONSUMER, null);
            rounds.printRatio(FROM_JSON, CONSUMER, null);
            rounds.printRatio(OURS, RAW, null);
            System.out.println("load average at end: " + RunOptions.loadAverage());
        }
        return 0;
    }

    private Trial timed(Runnable body) {
        long t0 = System.nanoTime();
        body.run();
        return Trial.since(rows, t0);
    }

    private static Dataset<Row> kafka(SparkKafka env, String topic) {
        return env.spark.read().format("kafka").option("kafka.bootstrap.servers", env.bootstrap())
                .option("subscribe", topic).load();
    }

    private static Dataset<Row> ours(SparkKafka env, String topic) {
        return env.spark.read().format("covid-kafka").option("kafka.bootstrap.servers", env.bootstrap())
                .option("subscribe", topic).load();
    }

    private static Dataset<Row> fromJson(SparkKafka env, String topic, StructType schema) {
        return kafka(env, topic).select(from_json(col("value").cast("string"), schema).as("r")).select("r.*");
    }

    /** Untimed: both readers see every record and type the same values (same counts and sums per column). */
    private void verifySameValues(SparkKafka env, String topic, StructType schema) {
        List<org.apache.spark.sql.Column> aggs = new java.util.ArrayList<>();
        aggs.add(count(lit(1)));
        for (String f : schema.fieldNames()) {
            aggs.add(count(col(f)));
        }
        for (String f : new String[] {"Confirmed", "Recovered", "Deaths", "NumberToday"}) {
            aggs.add(sum(col(f)));
        }
        aggs.add(sum(org.apache.spark.sql.functions.expr("unix_date(Date)")));
        org.apache.spark.sql.Column first = aggs.get(0);
        org.apache.spark.sql.Column[] rest = aggs.subList(1, aggs.size()).toArray(new org.apache.spark.sql.Column[0]);
        Row a = ours(env, topic).agg(first, rest).first();
        Row b = fromJson(env, topic, schema).agg(first, rest).first();
        if (!a.equals(b) || a.getLong(0) != rows) {
            throw new IllegalStateException("covid-kafka and from_json disagree: " + a + " vs " + b);
        }
        System.out.println("verified: both readers type all " + rows + " records to the same counts and sums " + a);
    }

    private Trial consume(SparkKafka env, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrap());
        long t0 = System.nanoTime();
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long bytes = 0;
            while (n < total) {
                ConsumerRecords<byte[], byte[]> recs = consumer.poll(Duration.ofMillis(500));
                for (var r : recs) {
                    bytes += r.serializedValueSize();
                    n++;
                }
            }
            if (bytes == 0) {
                throw new IllegalStateException("no bytes consumed");
            }
        }
        return Trial.since(n, t0);
    }
}
