package io.covidkafka.examples;

import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Running average per key of {@code "word,int"} pairs: each batch updates, per word, a (sum, count) kept in Spark's
 * state store with {@code flatMapGroupsWithState}, and emits the new average of every word that changed.
 *
 * <p>The state lives in the checkpoint: stop the job and start it again with the same {@code --checkpoint} and the
 * averages continue from where they were, over all pairs ever read, not only the new ones.
 */
@Command(name = "running-average", mixinStandardHelpOptions = true,
        description = "Running average per word of \"word,int\" pairs from Kafka (stateful, checkpointed).")
public class RunningAverage extends StreamingExample {

    /** A pair as it arrives: CSV {@code word,int}; anything else is dropped by the schema. */
    public static final String INPUT_DDL = "Word STRING NOT NULL, N INT NOT NULL";
    public static final String OUTPUT_DDL = "Word STRING NOT NULL, Average DOUBLE NOT NULL, Count BIGINT NOT NULL";

    @Option(names = "--input-topic", defaultValue = "pairs", description = "Default: ${DEFAULT-VALUE}.")
    String inputTopic;

    @Option(names = "--output-topic", defaultValue = "averages", description = "Default: ${DEFAULT-VALUE}.")
    String outputTopic;

    @Override
    StreamingQuery start(SparkSession spark) throws TimeoutException {
        Dataset<Row> pairs = spark.readStream().format("covid-kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", inputTopic)
                .option("startingOffsets", "earliest")
                .option("schema", INPUT_DDL)
                .option("valueFormat", "csv")
                .option("mode", "DROPMALFORMED")
                .load();
        return averages(pairs).writeStream().format("covid-kafka")
                .outputMode(OutputMode.Update())
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("topic", outputTopic)
                .option("schema", OUTPUT_DDL)
                .option("keyColumns", "Word")
                .option("checkpointLocation", checkpointFor(spark, "running-average"))
                .trigger(trigger.toTrigger())
                .start();
    }

    /** Per word, the average of every N seen so far: one output row per word updated in the batch. */
    static Dataset<WordAverage> averages(Dataset<Row> pairs) {
        return pairs
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroupsWithState(
                        (FlatMapGroupsWithStateFunction<String, Row, SumAndCount, WordAverage>) RunningAverage::update,
                        OutputMode.Update(), Encoders.bean(SumAndCount.class), Encoders.bean(WordAverage.class),
                        GroupStateTimeout.NoTimeout());
    }

    private static Iterator<WordAverage> update(String word, Iterator<Row> values, GroupState<SumAndCount> state) {
        SumAndCount s = state.exists() ? state.get() : new SumAndCount();
        while (values.hasNext()) {
            s.setSum(s.getSum() + values.next().getInt(1));
            s.setCount(s.getCount() + 1);
        }
        state.update(s);
        return List.of(new WordAverage(word, (double) s.getSum() / s.getCount(), s.getCount())).iterator();
    }

    /** The state per word (a bean: Spark encodes it into the state store). */
    public static class SumAndCount implements Serializable {
        private static final long serialVersionUID = 1L;
        private long sum;
        private long count;

        public long getSum() {
            return sum;
        }

        public void setSum(long sum) {
            this.sum = sum;
        }

        public long getCount() {
            return count;
        }

        public void setCount(long count) {
            this.count = count;
        }
    }

    /** One output row; its bean properties are the columns of {@link #OUTPUT_DDL} (names match case-insensitively). */
    public static class WordAverage implements Serializable {
        private static final long serialVersionUID = 1L;
        private String word;
        private double average;
        private long count;

        public WordAverage() {
        }

        WordAverage(String word, double average, long count) {
            this.word = word;
            this.average = average;
            this.count = count;
        }

        public String getWord() {
            return word;
        }

        public void setWord(String word) {
            this.word = word;
        }

        public double getAverage() {
            return average;
        }

        public void setAverage(double average) {
            this.average = average;
        }

        public long getCount() {
            return count;
        }

        public void setCount(long count) {
            this.count = count;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RunningAverage()).execute(args));
    }
}
