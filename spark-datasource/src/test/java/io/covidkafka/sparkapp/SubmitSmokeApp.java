package io.covidkafka.sparkapp;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * A user's job, run by {@code SparkSubmitIT} through {@code spark-submit} with only the shaded jar on
 * {@code --jars}. It uses nothing but Spark's public API and the {@code covid-kafka} format name, as a user would.
 *
 * <p>Args: bootstrap servers, input topic (JSON covid records, some bad), output topic, checkpoint directory.
 * Prints one {@code RESULT ...} line the test checks.
 */
public final class SubmitSmokeApp {

    private SubmitSmokeApp() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String in = args[1];
        String out = args[2];
        String checkpoint = args[3];
        boolean kafkaClientsVisible;
        try {
            Class.forName("org.apache.kafka.clients.producer.KafkaProducer");
            kafkaClientsVisible = true;
        } catch (ClassNotFoundException e) {
            kafkaClientsVisible = false;
        }
        SparkSession spark = SparkSession.builder().appName("covid-kafka-submit-smoke").getOrCreate();
        try {
            // a Kafka class name in a kafka.* option, written as in the Kafka docs (the jar relocates kafka-clients)
            Dataset<Row> typed = spark.read().format("covid-kafka")
                    .option("kafka.bootstrap.servers", bootstrap)
                    .option("kafka.partition.assignment.strategy",
                            "org.apache.kafka.clients.consumer.RoundRobinAssignor")
                    .option("subscribe", in)
                    .option("mode", "DROPMALFORMED")
                    .load();
            long read = typed.count();

            typed.write().format("covid-kafka").mode("append")
                    .option("kafka.bootstrap.servers", bootstrap)
                    .option("kafka.partitioner.class", "org.apache.kafka.clients.producer.RoundRobinPartitioner")
                    .option("topic", out)
                    .option("valueFormat", "csv")
                    .option("keyColumns", "Province")
                    .save();

            StreamingQuery q = spark.readStream().format("covid-kafka")
                    .option("kafka.bootstrap.servers", bootstrap)
                    .option("subscribe", out)
                    .option("startingOffsets", "earliest")
                    .option("valueFormat", "csv")
                    .option("mode", "FAILFAST")
                    .load()
                    .writeStream().format("memory").queryName("smoke_out")
                    .option("checkpointLocation", checkpoint)
                    .trigger(Trigger.AvailableNow()).start();
            q.awaitTermination();
            Row totals = spark.sql("SELECT count(*), sum(Confirmed) FROM smoke_out").first();
            System.out.println("RESULT kafkaClientsVisible=" + kafkaClientsVisible + " read=" + read
                    + " streamed=" + totals.getLong(0) + " confirmed=" + totals.getLong(1));
        } finally {
            spark.stop();
        }
    }
}
