package io.covidkafka.bench;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.covidkafka.schema.RecordSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Batch write of the same cached, typed covid DataFrame (the PHAC rows repeated): {@code format("covid-kafka")}
 * vs {@code to_json(struct(*))} + {@code format("kafka")} (with Spark's producer defaults, and with the batching
 * covid-kafka's writer uses by default, so the comparison is not just producer tuning), and a plain KafkaProducer
 * sending the same rows' JSON, serialised beforehand, as the ceiling. Each run writes a new topic; its record
 * count is checked.
 */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = "format(\"covid-kafka\") write vs to_json + format(\"kafka\") write vs KafkaProducer.")
final class SparkWriteBench implements Callable<Integer> {

    static final String OURS = "covid-kafka write";
    static final String TO_JSON = "to_json + kafka (producer defaults)";
    static final String TO_JSON_TUNED = "to_json + kafka (linger 5 ms, 256 KiB batches)";
    static final String PRODUCER = "KafkaProducer (pre-serialised JSON)";

    @Option(names = "--rows", defaultValue = "2000000", description = "Rows written per run (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of each topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        RunOptions.printHeader("write", rows, run);
        try (SparkKafka env = new SparkKafka(partitions)) {
            List<byte[]> json = PhacData.load().canonicalJson();
            Dataset<Row> df = typedRows(env, json).cache();
            long n = df.count();
            if (n != rows) {
                throw new IllegalStateException("source DataFrame has " + n + " rows");
            }
            System.out.printf("source: %,d typed rows cached in %d partitions%n", n, df.rdd().getNumPartitions());
            Map<String, String> tuned = Map.of("kafka.linger.ms", "5", "kafka.batch.size", String.valueOf(256 * 1024));
            List<Variant> variants = List.of(
                    Variant.of(OURS, r -> write(env, r, "ours", t -> df.write().format("covid-kafka").mode("append")
                            .option("kafka.bootstrap.servers", env.bootstrap()).option("topic", t).save())),
                    Variant.of(TO_JSON, r -> write(env, r, "tojson", t -> asJson(df).write().format("kafka")
                            .option("kafka.bootstrap.servers", env.bootstrap()).option("topic", t).save())),
                    Variant.of(TO_JSON_TUNED, r -> write(env, r, "tojson-tuned", t -> asJson(df).write().format("kafka")
                            .options(tuned).option("kafka.bootstrap.servers", env.bootstrap()).option("topic", t).save())),
                    Variant.of(PRODUCER, r -> write(env, r, "producer", t -> env.produce(t, json, rows, Map.of()))));
            Rounds rounds = new Rounds(run.select(variants), run.warmup, run.repeats, System.out).run();
            rounds.printTable();
            rounds.printRatio(OURS, TO_JSON, 1.2);
            rounds.printRatio(OURS, TO_JSON_TUNED, 1.2);
            rounds.printRatio(OURS, PRODUCER, null);
            System.out.println("load average at end: " + RunOptions.loadAverage());
        }
        return 0;
    }

    private static Dataset<Row> asJson(Dataset<Row> df) {
        return df.select(to_json(struct(col("*"))).as("value"));
    }

    /**
     * {@code rows} typed rows: row i is PHAC row (i mod 1,497), typed by Spark's JSON reader from the canonical JSON
     * values, joined onto {@code range(rows)} so the row count and partitioning do not depend on the 1,497.
     */
    private Dataset<Row> typedRows(SparkKafka env, List<byte[]> json) {
        List<String> keyed = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            String v = new String(json.get(i), StandardCharsets.UTF_8);
            keyed.add("{\"k\":" + i + "," + v.substring(1));
        }
        StructType schema = StructType.fromDDL("k BIGINT, " + RecordSchema.COVID_DDL);
        Dataset<Row> phac = env.spark.read().schema(schema).json(env.spark.createDataset(keyed, Encoders.STRING()));
        Dataset<Row> ids = env.spark.range(rows).withColumn("k", col("id").mod(json.size()));
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        for (String f : StructType.fromDDL(RecordSchema.COVID_DDL).fieldNames()) {
            cols.add(col(f));
        }
        return ids.join(broadcast(phac), "k").select(cols.toArray(new org.apache.spark.sql.Column[0]));
    }

    @FunctionalInterface
    interface Writer {
        void write(String topic) throws Exception;
    }

    private Trial write(SparkKafka env, int round, String kind, Writer writer) throws Exception {
        String topic = "write-" + kind + "-" + round;
        env.broker.createTopic(topic, partitions);
        long t0 = System.nanoTime();
        writer.write(topic);
        Trial t = Trial.since(rows, t0);
        long count = env.counter.count(topic);
        env.broker.deleteTopic(topic);
        if (count != rows) {
            throw new IllegalStateException(kind + ": topic has " + count + " records, expected " + rows);
        }
        return t;
    }

}
