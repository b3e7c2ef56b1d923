"""Options every PySpark example shares, the same as the Java examples' (see ../README.md)."""
import argparse
import re
import tempfile

from pyspark.sql import SparkSession


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--bootstrap-servers", default="127.0.0.1:9092")
    p.add_argument("--checkpoint", help="checkpoint directory; a restart with the same one continues")
    p.add_argument("--duration", default="0s", help="stop after e.g. 90s or 5m; 0s runs until the query ends")
    p.add_argument("--trigger", default="processing-time:2s",
                   help="processing-time:INTERVAL, available-now, once or continuous:INTERVAL")
    return p


def session(app_name):
    """Under spark-submit the master comes from spark-submit; `python3 x.py` with pyspark installed runs locally."""
    builder = SparkSession.builder.appName(app_name)
    if not SparkSession.getActiveSession():
        builder = builder.config("spark.sql.shuffle.partitions", "4")
    return builder.getOrCreate()


def checkpoint(args, name):
    return args.checkpoint or tempfile.mkdtemp(prefix="covid-kafka-" + name + "-")


def seconds(text):
    m = re.fullmatch(r"(\d+)(ms|s|m|h)", text.strip())
    if not m:
        raise SystemExit("bad duration '%s': use e.g. 500ms, 90s, 5m, 1h" % text)
    n, unit = int(m.group(1)), m.group(2)
    return n / 1000 if unit == "ms" else n * {"s": 1, "m": 60, "h": 3600}[unit]


def with_trigger(writer, spec):
    """The --trigger option applied to a DataStreamWriter."""
    name, _, interval = spec.partition(":")
    if name == "available-now":
        return writer.trigger(availableNow=True)
    if name == "once":
        return writer.trigger(once=True)
    if name == "processing-time":
        return writer.trigger(processingTime="%s seconds" % seconds(interval or "0s"))
    if name == "continuous":
        return writer.trigger(continuous="%s seconds" % seconds(interval or "1s"))
    raise SystemExit("unknown trigger '%s'" % spec)


def run(query, args):
    """Waits until the query ends by itself or --duration has passed, then stops it."""
    limit = seconds(args.duration)
    if limit == 0:
        query.awaitTermination()
    elif not query.awaitTermination(limit):
        query.stop()
