"""Socket lines (nc -lk 9999) -> lines with their word count (append) or word counts (update, complete).

The PySpark twin of io.covidkafka.examples.SocketWordCount. Append mode is map-only, so it also runs under
--trigger continuous:1s; update and complete aggregate.
"""
from pyspark.sql import functions as F

import example_args

LINES_DDL = "Line STRING NOT NULL, Words INT NOT NULL"
COUNTS_DDL = "Word STRING NOT NULL, Count BIGINT NOT NULL"
NOT_WORD = r"[^\p{L}\p{N}']+"


def main():
    p = example_args.parser(__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=9999)
    p.add_argument("--output-mode", default="update", choices=["append", "update", "complete"])
    p.add_argument("--output-topic")
    args = p.parse_args()
    spark = example_args.session("socket-word-count")
    lines = spark.readStream.format("socket").option("host", args.host).option("port", args.port).load()
    append = args.output_mode == "append"
    if append:
        words = F.regexp_replace(F.lower("value"), "^" + NOT_WORD + "|" + NOT_WORD + "$", "")
        result = lines.select(F.col("value").alias("Line"),
                              F.when(words == "", 0).otherwise(F.size(F.split(words, NOT_WORD))).alias("Words"))
    else:
        result = (lines.select(F.explode(F.split(F.lower("value"), NOT_WORD)).alias("Word"))
                  .where(F.col("Word") != "").groupBy("Word").count().withColumnRenamed("count", "Count"))
    writer = (result.writeStream.outputMode(args.output_mode)
              .option("checkpointLocation", example_args.checkpoint(args, "socket-word-count")))
    if args.output_topic:
        writer = (writer.format("covid-kafka").option("kafka.bootstrap.servers", args.bootstrap_servers)
                  .option("topic", args.output_topic).option("schema", LINES_DDL if append else COUNTS_DDL))
    else:
        writer = writer.format("console").option("truncate", "false")
    example_args.run(example_args.with_trigger(writer, args.trigger).start(), args)


if __name__ == "__main__":
    main()
