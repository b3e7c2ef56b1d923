package io.covidkafka.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The custom metrics of a covid-kafka scan (shown in the SQL tab of the UI for each scan). Public only because
 * Spark instantiates metric classes by name on the driver.
 */
public final class CovidKafkaMetrics {

    static final String ACCEPTED = "acceptedRecords";
    static final String REJECTED = "rejectedRecords";
    static final String WRITTEN = "writtenRecords";

    private CovidKafkaMetrics() {
    }

    static CustomMetric[] supported() {
        return new CustomMetric[] {new AcceptedRecords(), new RejectedRecords()};
    }

    static CustomMetric[] supportedWrite() {
        return new CustomMetric[] {new WrittenRecords(), new RejectedRecords()};
    }

    static CustomTaskMetric taskMetric(String name, long value) {
        return new CustomTaskMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long value() {
                return value;
            }
        };
    }

    /** Records the schema accepted. */
    public static final class AcceptedRecords extends CustomSumMetric {
        @Override
        public String name() {
            return ACCEPTED;
        }

        @Override
        public String description() {
            return "records accepted by the schema";
        }
    }

    /** Records the schema rejected (kept as corrupt, dropped or dead-lettered, by mode). */
    public static final class RejectedRecords extends CustomSumMetric {
        @Override
        public String name() {
            return REJECTED;
        }

        @Override
        public String description() {
            return "records rejected by the schema";
        }
    }

    /** Records written to the topic. */
    public static final class WrittenRecords extends CustomSumMetric {
        @Override
        public String name() {
            return WRITTEN;
        }

        @Override
        public String description() {
            return "records written to Kafka";
        }
    }
}
