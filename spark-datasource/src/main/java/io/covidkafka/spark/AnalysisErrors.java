package io.covidkafka.spark;

import org.apache.spark.QueryContext;
import org.apache.spark.sql.AnalysisException;
import scala.Option;

/**
 * Spark's {@link AnalysisException} for plan-time errors, as Spark's own kafka sink raises for a bad input schema:
 * users (and PySpark, which maps it to {@code pyspark.errors.AnalysisException}) catch it like any other analysis
 * error. Java cannot throw it from interface methods that declare no checked exception, hence the unchecked throw.
 */
final class AnalysisErrors {

    private AnalysisErrors() {
    }

    /** Throws an AnalysisException with this message; declared to return one so callers can write {@code throw}. */
    static RuntimeException analysisError(String message) {
        AnalysisException e = new AnalysisException(message, Option.empty(), Option.empty(), Option.empty(),
                Option.empty(), scala.collection.immutable.Map$.MODULE$.<String, String>empty(), new QueryContext[0]);
        throw AnalysisErrors.<RuntimeException>uncheckedThrow(e);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T uncheckedThrow(Throwable t) throws T {
        throw (T) t;
    }
}
