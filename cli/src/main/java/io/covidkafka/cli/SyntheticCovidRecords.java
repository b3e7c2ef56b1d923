package io.covidkafka.cli;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns Spark's rate source ({@code timestamp, value}) into realistic COVID daily records, for load tests: thirteen
 * provinces and territories take turns, each value is one province-day, totals only grow, and the daily numbers
 * vary by a hash of the value so batches are not all alike. Pure column expressions: no per-row Java code.
 */
final class SyntheticCovidRecords {

    static final String[] PROVINCES = {"Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan",
            "Nova Scotia", "New Brunswick", "Newfoundland and Labrador", "Prince Edward Island", "Yukon",
            "Northwest Territories", "Nunavut"};

    private SyntheticCovidRecords() {
    }

    static Dataset<Row> from(Dataset<Row> rate) {
        StringBuilder provinces = new StringBuilder("array(");
        for (int i = 0; i < PROVINCES.length; i++) {
            provinces.append(i == 0 ? "'" : ", '").append(PROVINCES[i]).append('\'');
        }
        provinces.append(')');
        int n = PROVINCES.length;
        return rate.selectExpr(
                        "value",
                        "CAST(pmod(value, " + n + ") AS INT) AS p",
                        "CAST(div(value, " + n + ") AS INT) AS day",
                        "pmod(hash(value), 400) AS jitter")
                .selectExpr(
                        "date_add(DATE'2020-03-01', day) AS Date",
                        "element_at(" + provinces + ", p + 1) AS Province",
                        "CAST(day * (20 + p * 15) + jitter AS BIGINT) AS Confirmed",
                        "CAST((day * (20 + p * 15) + jitter) * 0.8 AS BIGINT) AS Recovered",
                        "CAST((day * (20 + p * 15) + jitter) * 0.03 AS BIGINT) AS Deaths",
                        "CAST(20 + p * 15 + pmod(jitter, 37) AS BIGINT) AS NumberToday");
    }
}
