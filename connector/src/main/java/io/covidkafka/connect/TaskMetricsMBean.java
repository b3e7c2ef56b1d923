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

    /** Milliseconds the oldest file ready to read has been waiting (0 when nothing waits). */
    long getPollLagMs();
}
