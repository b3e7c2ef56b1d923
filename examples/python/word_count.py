"""Word count of lines from a directory (dir:PATH) or a Kafka topic (kafka:TOPIC), to the console or a topic.

The PySpark twin of io.covidkafka.examples.WordCount.
"""
from pyspark.sql import functions as F

import example_args

LINE_DDL = "Line STRING NOT NULL"
OUTPUT_DDL = "Word STRING NOT NULL, Count BIGINT NOT NULL"
NOT_WORD = r"[^\p{L}\p{N}']+"


def main():
    p = example_args.parser(__doc__)
    p.add_argument("--source", required=True, help="dir:PATH or kafka:TOPIC")
    p.add_argument("--output-topic")
    p.add_argument("--output-mode", default="complete", choices=["complete", "update"])
    args = p.parse_args()
    spark = example_args.session("word-count")
    kind, _, where = args.source.partition(":")
    if kind == "dir":
        lines = spark.readStream.text(where).select(F.col("value").alias("Line"))
    elif kind == "kafka":
        # one line per message: a one-column CSV whose delimiter and quote no text line contains
        lines = (spark.readStream.format("covid-kafka")
                 .option("kafka.bootstrap.servers", args.bootstrap_servers)
                 .option("subscribe", where)
                 .option("startingOffsets", "earliest")
                 .option("schema", LINE_DDL)
                 .option("valueFormat", "csv")
                 .option("csvDelimiter", "\u0001")
                 .option("csvQuote", "\u0000")
                 .option("mode", "DROPMALFORMED")
                 .load())
    else:
        raise SystemExit("--source must be dir:PATH or kafka:TOPIC")
    counts = (lines.select(F.explode(F.split(F.lower("Line"), NOT_WORD)).alias("Word"))
              .where(F.col("Word") != "")
              .groupBy("Word").count().withColumnRenamed("count", "Count"))
    writer = (counts.writeStream.outputMode(args.output_mode)
              .option("checkpointLocation", example_args.checkpoint(args, "word-count")))
    if args.output_topic:
        writer = (writer.format("covid-kafka").option("kafka.bootstrap.servers", args.bootstrap_servers)
                  .option("topic", args.output_topic).option("schema", OUTPUT_DDL).option("keyColumns", "Word"))
    else:
        writer = writer.format("console").option("truncate", "false")
    example_args.run(example_args.with_trigger(writer, args.trigger).start(), args)


if __name__ == "__main__":
    main()
