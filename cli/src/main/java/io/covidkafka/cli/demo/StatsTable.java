package io.covidkafka.cli.demo;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;
import java.util.List;

/** Renders the latest statistics per province as a fixed-width table. */
final class StatsTable {

    private static final String LATEST_PER_PROVINCE = "SELECT Province, WindowStart, WindowEnd, AvgDailyCases, Confirmed, Deaths, "
            + "ConfirmedPer100k, Days FROM (SELECT *, row_number() OVER (PARTITION BY Province "
            + "ORDER BY (Days = 7) DESC, WindowEnd DESC) AS rn FROM %s) WHERE rn = 1 ORDER BY Confirmed DESC NULLS LAST";

    private final SparkSession spark;
    private final String view;

    StatsTable(SparkSession spark, String view) {
        this.spark = spark;
        this.view = view;
    }

    /** Prints the table; returns how many provinces it showed. */
    int print(PrintWriter out) {
        List<Row> rows = spark.sql(String.format(LATEST_PER_PROVINCE, view)).collectAsList();
        out.printf("%-26s %-23s %10s %10s %8s %12s%n", "Province", "7-day window", "avg/day", "confirmed", "deaths", "per 100k");
        out.println("-".repeat(94));
        for (Row r : rows) {
            String window = r.getTimestamp(1).toLocalDateTime().toLocalDate() + " .. "
                    + r.getTimestamp(2).toLocalDateTime().toLocalDate().minusDays(1);
            out.printf("%-26s %-23s %10s %10s %8s %12s%n", r.getString(0), window, text(r, 3), text(r, 4), text(r, 5), text(r, 6));
        }
        return rows.size();
    }

    private static String text(Row r, int i) {
        return r.isNullAt(i) ? "-" : String.valueOf(r.get(i));
    }
}
