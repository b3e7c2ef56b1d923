"""COVID records on topic-a -> active cases and fatality rate -> topic-b (the EMR tutorial).

The PySpark twin of io.covidkafka.examples.CovidTopicTransform:
  spark-submit --jars covid-kafka-spark-<version>.jar covid_transform.py --bootstrap-servers HOST:9092
"""
from pyspark.sql import functions as F

import example_args

OUTPUT_DDL = ("Date DATE NOT NULL, Province STRING NOT NULL, Confirmed BIGINT, Deaths BIGINT, Active BIGINT, "
              "FatalityPercent DOUBLE")


def transform(records):
    """Provinces only (the feed's "Canada" row is their sum), with derived columns."""
    return (records
            .where(F.col("Province") != "Canada")
            .select("Date", "Province", "Confirmed", "Deaths",
                    (F.col("Confirmed") - F.coalesce("Recovered", F.lit(0)) - F.coalesce("Deaths", F.lit(0)))
                    .alias("Active"),
                    F.when(F.col("Confirmed") > 0, F.round(F.col("Deaths") * 100.0 / F.col("Confirmed"), 2))
                    .alias("FatalityPercent")))


def main():
    p = example_args.parser(__doc__)
    p.add_argument("--input-topic", default="topic-a")
    p.add_argument("--output-topic", default="topic-b")
    p.add_argument("--input-format", default="json", choices=["csv", "json"])
    p.add_argument("--dead-letter-topic")
    args = p.parse_args()
    spark = example_args.session("covid-transform")
    reader = (spark.readStream.format("covid-kafka")
              .option("kafka.bootstrap.servers", args.bootstrap_servers)
              .option("subscribe", args.input_topic)
              .option("startingOffsets", "earliest")
              .option("valueFormat", args.input_format)
              .option("mode", "DROPMALFORMED"))
    if args.dead_letter_topic:
        reader = reader.option("deadLetterTopic", args.dead_letter_topic)
    writer = (transform(reader.load()).writeStream.format("covid-kafka")
              .option("kafka.bootstrap.servers", args.bootstrap_servers)
              .option("topic", args.output_topic)
              .option("schema", OUTPUT_DDL)
              .option("keyColumns", "Province")
              .option("checkpointLocation", example_args.checkpoint(args, "covid-transform")))
    example_args.run(example_args.with_trigger(writer, args.trigger).start(), args)


if __name__ == "__main__":
    main()
