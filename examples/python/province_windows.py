"""7-day windows (tumbling or sliding) of new cases per province, joined with population (stream-static join),
with a watermark.

The PySpark twin of io.covidkafka.examples.ProvinceWindows. --population is a CSV Province,Population (the Java
example's table is examples/src/main/resources/io/covidkafka/examples/province-population.csv).
"""
import csv

from pyspark.sql import functions as F

import example_args

OUTPUT_DDL = ("Province STRING NOT NULL, WindowStart DATE NOT NULL, WindowEnd DATE NOT NULL, Days BIGINT NOT NULL, "
              "AvgNewCases DOUBLE, NewCasesPer100k DOUBLE")


def main():
    p = example_args.parser(__doc__)
    p.add_argument("--input-topic", default="covid")
    p.add_argument("--output-topic")
    p.add_argument("--window", default="tumbling", choices=["tumbling", "sliding"])
    p.add_argument("--watermark", default="14 days")
    p.add_argument("--output-mode", default="append", choices=["append", "update"])
    p.add_argument("--population", required=True)
    args = p.parse_args()
    spark = example_args.session("province-windows")
    with open(args.population, newline="", encoding="utf-8") as f:
        rows = [(r["Province"], int(r["Population"])) for r in csv.DictReader(f)]
    population = spark.createDataFrame(rows, "Province STRING, Population BIGINT")
    records = (spark.readStream.format("covid-kafka")
               .option("kafka.bootstrap.servers", args.bootstrap_servers)
               .option("subscribe", args.input_topic)
               .option("startingOffsets", "earliest")
               .option("mode", "DROPMALFORMED")
               .load())
    w = F.window("EventTime", "7 days") if args.window == "tumbling" else F.window("EventTime", "7 days", "1 day")
    windows = (records.withColumn("EventTime", F.col("Date").cast("timestamp"))
               .withWatermark("EventTime", args.watermark)
               .join(population, "Province")
               .groupBy(w.alias("w"), "Province", "Population")
               .agg(F.count("*").alias("Days"), F.avg("NumberToday").alias("AvgNewCases"),
                    F.sum("NumberToday").alias("NewCases"))
               .select("Province", F.to_date("w.start").alias("WindowStart"), F.to_date("w.end").alias("WindowEnd"),
                       "Days", "AvgNewCases",
                       (F.col("NewCases") * 100000.0 / F.col("Population")).alias("NewCasesPer100k")))
    writer = (windows.writeStream.outputMode(args.output_mode)
              .option("checkpointLocation", example_args.checkpoint(args, "province-windows")))
    if args.output_topic:
        writer = (writer.format("covid-kafka").option("kafka.bootstrap.servers", args.bootstrap_servers)
                  .option("topic", args.output_topic).option("schema", OUTPUT_DDL)
                  .option("keyColumns", "Province,WindowStart"))
    else:
        writer = writer.format("console").option("truncate", "false")
    example_args.run(example_args.with_trigger(writer, args.trigger).start(), args)


if __name__ == "__main__":
    main()
