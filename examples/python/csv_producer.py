"""Sends the rows of the PHAC CSV feed to a Kafka topic as canonical covid JSON records, keyed by Province.

The Python twin of io.covidkafka.examples.CsvProducer, without Spark: needs the kafka-python package.
Unlike the Java producer (which uses the schema core), this one maps and converts the PHAC columns by hand, so it
only knows the PHAC layout; rows whose date or numbers do not parse are reported and skipped.
  python3 csv_producer.py --file phac_covid19_2020-06-15.csv --topic covid --rows-per-second 50
"""
import argparse
import csv
import datetime
import json
import time

from kafka import KafkaProducer

PHAC = [("date", "Date"), ("prname", "Province"), ("numconf", "Confirmed"), ("numrecover", "Recovered"),
        ("numdeaths", "Deaths"), ("numtoday", "NumberToday")]
NULLS = {"", "N/A", "null"}


def record(row):
    """One CSV row as the canonical JSON object (fields in schema order, ISO dates, integers or null)."""
    out = {}
    for column, field in PHAC:
        raw = (row.get(column) or "").strip()
        if field == "Date":
            out[field] = datetime.datetime.strptime(raw, "%d-%m-%Y").date().isoformat()
        elif field == "Province":
            out[field] = raw
        else:
            out[field] = None if raw in NULLS else int(raw)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--bootstrap-servers", default="127.0.0.1:9092")
    p.add_argument("--topic", default="covid")
    p.add_argument("--file", required=True)
    p.add_argument("--rows-per-second", type=float, default=0)
    args = p.parse_args()
    producer = KafkaProducer(bootstrap_servers=args.bootstrap_servers, acks="all")
    sent = rejected = 0
    start = time.monotonic()
    with open(args.file, newline="", encoding="utf-8-sig") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                value = record(row)
            except ValueError as e:
                rejected += 1
                print("rejected line %d: %s" % (line, e))
                continue
            producer.send(args.topic, key=value["Province"].encode(),
                          value=json.dumps(value, separators=(",", ":")).encode())
            sent += 1
            if args.rows_per_second > 0:
                time.sleep(max(0.0, start + sent / args.rows_per_second - time.monotonic()))
    producer.flush()
    print("sent %d rows to %s, rejected %d" % (sent, args.topic, rejected))


if __name__ == "__main__":
    main()
