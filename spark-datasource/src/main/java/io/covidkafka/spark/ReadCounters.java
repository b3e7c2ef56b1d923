package io.covidkafka.spark;

/** Accepted and rejected record counts of one partition reader. */
final class ReadCounters {
    long accepted;
    long rejected;
}
