package io.covidkafka.connect;

/** JMX view of one task: {@code io.covidkafka.connect:type=source-task-metrics,connector=<name>,task=<n>}. */
public interface TaskMetricsMBean {
    long getRowsRead();

    long getRowsAccepted();

    long getRowsRejected();

    long getBytesRead();

    long getFilesDone();

    long getFilesFailed();

    long getHttpPolls();

    long getHttpRetries();

    /** Feeds of this task whose last attempt failed (server error, timeout) and that are waiting to retry. */
    int getHttpFailingFeeds();

    /** For each failing feed: URL, what failed, attempt, for how long, next try; empty when every feed is healthy. */
    String getHttpLastError();

    /** Milliseconds the oldest file ready to read has been waiting (0 when nothing waits). */
    long getPollLagMs();
}
