"""Per-province latest totals of the covid records on a topic, updated as rows arrive (what csv_producer.py feeds).

The PySpark twin of io.covidkafka.examples.StreamingConsumer.
"""
from pyspark.sql import functions as F

import example_args

OUTPUT_DDL = "Province STRING NOT NULL, Rows BIGINT NOT NULL, LastDate DATE NOT NULL, Confirmed BIGINT, Deaths BIGINT"


def main():
    p = example_args.parser(__doc__)
    p.add_argument("--topic", default="covid")
    p.add_argument("--output-topic")
    args = p.parse_args()
    spark = example_args.session("streaming-consumer")
    records = (spark.readStream.format("covid-kafka")
               .option("kafka.bootstrap.servers", args.bootstrap_servers)
               .option("subscribe", args.topic)
               .option("startingOffsets", "earliest")
               .option("mode", "DROPMALFORMED")
               .load())
    # max(struct(Date, ...)) picks the whole row of the latest date
    table = (records.groupBy("Province")
             .agg(F.count("*").alias("Rows"), F.max(F.struct("Date", "Confirmed", "Deaths")).alias("latest"))
             .select("Province", "Rows", F.col("latest.Date").alias("LastDate"),
                     F.col("latest.Confirmed").alias("Confirmed"), F.col("latest.Deaths").alias("Deaths")))
    writer = (table.writeStream.outputMode("complete")
              .option("checkpointLocation", example_args.checkpoint(args, "streaming-consumer")))
    if args.output_topic:
        writer = (writer.format("covid-kafka").option("kafka.bootstrap.servers", args.bootstrap_servers)
                  .option("topic", args.output_topic).option("schema", OUTPUT_DDL).option("keyColumns", "Province"))
    else:
        writer = writer.format("console").option("truncate", "false")
    example_args.run(example_args.with_trigger(writer, args.trigger).start(), args)


if __name__ == "__main__":
    main()
