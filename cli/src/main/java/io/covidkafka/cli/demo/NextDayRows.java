package io.covidkafka.cli.demo;

import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.TypedRow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the "next day" of a PHAC feed, as a new file the demo drops into the watched folder while it runs: for a
 * few provinces, one row dated the day after the feed's last day, with the 7-day average of daily cases added to
 * the running totals; and one row the schema must reject (a non-numeric count), so the live table shows a
 * rejection arriving. Rows use the feed's own column layout and {@code dd-MM-yyyy} dates.
 */
public final class NextDayRows {

    private static final DateTimeFormatter PHAC_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final List<String> PROVINCES = List.of("Ontario", "Quebec", "Alberta", "British Columbia");
    private static final RecordSchema SEED_SCHEMA = RecordSchema.parse(
            "pruid STRING, prname STRING NOT NULL, prnameFR STRING, date DATE NOT NULL, numconf BIGINT, "
                    + "numdeaths BIGINT, numrecover BIGINT, numtoday BIGINT");

    private NextDayRows() {
    }

    /** Rows (without the header) for the day after the last date in {@code seed}, plus one bad row last. */
    public static List<String> after(Path seed) throws IOException {
        Map<String, Deque<Object[]>> recent = new LinkedHashMap<>();
        LocalDate last = LocalDate.MIN;
        ParseOptions options = ParseOptions.builder().schema(SEED_SCHEMA).build();
        try (InputStream in = Files.newInputStream(seed); FeedReader reader = FeedReader.open(in, options)) {
            TypedRow row = new TypedRow(SEED_SCHEMA);
            while (reader.next(row)) {
                if (reader.rejection() != null || !PROVINCES.contains((String) row.get(1))) {
                    continue;
                }
                Object[] values = row.values().clone();
                Deque<Object[]> days = recent.computeIfAbsent((String) values[1], k -> new ArrayDeque<>());
                days.addLast(values);
                if (days.size() > 7) {
                    days.removeFirst();
                }
                LocalDate date = (LocalDate) values[3];
                last = date.isAfter(last) ? date : last;
            }
        }
        if (recent.isEmpty()) {
            throw new IllegalArgumentException(seed + " has no rows for " + PROVINCES + ": not a PHAC covid19.csv?");
        }
        String nextDay = last.plusDays(1).format(PHAC_DATE);
        List<String> rows = new ArrayList<>();
        for (Deque<Object[]> days : recent.values()) {
            Object[] latest = days.getLast();
            long avgToday = Math.round(days.stream().mapToLong(d -> number(d[7])).average().orElse(0));
            rows.add(csvRow(latest, nextDay, number(latest[4]) + avgToday, number(latest[5]), number(latest[6]), avgToday));
        }
        Object[] first = recent.values().iterator().next().getLast();
        rows.add(first[0] + "," + first[1] + "," + first[2] + "," + nextDay + ",not-a-number,0,0,,,,,,0,,,,,,,,");
        return rows;
    }

    private static String csvRow(Object[] latest, String date, long confirmed, long deaths, long recovered, long today) {
        // pruid,prname,prnameFR,date,numconf,numprob,numdeaths,numtotal,numtested,numrecover,percentrecover,
        // ratetested,numtoday,percentoday,ratetotal,ratedeaths,deathstoday,percentdeath,testedtoday,recoveredtoday,percentactive
        return latest[0] + "," + quoted((String) latest[1]) + "," + quoted((String) latest[2]) + "," + date + ","
                + confirmed + ",0," + deaths + "," + confirmed + ",," + recovered + ",,," + today + ",,,,,,,,";
    }

    private static String quoted(String s) {
        return s == null ? "" : s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static long number(Object value) {
        return value == null ? 0 : (Long) value;
    }
}
