"""Running average per word of "word,int" pairs from Kafka, stateful and checkpointed.

The PySpark twin of io.covidkafka.examples.RunningAverage, with applyInPandasWithState (Spark 3.4+; needs pandas
and pyarrow on the driver and executors) in place of Java's flatMapGroupsWithState.
"""
import pandas as pd
from pyspark.sql.streaming.state import GroupStateTimeout

import example_args

INPUT_DDL = "Word STRING NOT NULL, N INT NOT NULL"
OUTPUT_DDL = "Word STRING NOT NULL, Average DOUBLE NOT NULL, Count BIGINT NOT NULL"


def update(key, batches, state):
    """(sum, count) per word lives in the state store; emit the new average of the word."""
    total, count = state.get if state.exists else (0, 0)
    for pdf in batches:
        total += int(pdf["N"].sum())
        count += len(pdf)
    state.update((total, count))
    yield pd.DataFrame({"Word": [key[0]], "Average": [total / count], "Count": [count]})


def main():
    p = example_args.parser(__doc__)
    p.add_argument("--input-topic", default="pairs")
    p.add_argument("--output-topic", default="averages")
    args = p.parse_args()
    spark = example_args.session("running-average")
    pairs = (spark.readStream.format("covid-kafka")
             .option("kafka.bootstrap.servers", args.bootstrap_servers)
             .option("subscribe", args.input_topic)
             .option("startingOffsets", "earliest")
             .option("schema", INPUT_DDL)
             .option("valueFormat", "csv")
             .option("mode", "DROPMALFORMED")
             .load())
    averages = pairs.groupBy("Word").applyInPandasWithState(
        update, outputStructType="Word STRING, Average DOUBLE, Count BIGINT",
        stateStructType="Sum BIGINT, Count BIGINT", outputMode="update", timeoutConf=GroupStateTimeout.NoTimeout)
    writer = (averages.writeStream.format("covid-kafka").outputMode("update")
              .option("kafka.bootstrap.servers", args.bootstrap_servers)
              .option("topic", args.output_topic)
              .option("schema", OUTPUT_DDL)
              .option("keyColumns", "Word")
              .option("checkpointLocation", example_args.checkpoint(args, "running-average")))
    example_args.run(example_args.with_trigger(writer, args.trigger).start(), args)


if __name__ == "__main__":
    main()
