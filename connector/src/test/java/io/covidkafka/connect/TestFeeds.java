package io.covidkafka.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Generated covid-schema CSV feeds where Confirmed is a unique row id, so tests can find missing and extra rows. */
final class TestFeeds {

    static final String HEADER = "Date,Province,Confirmed,Recovered,Deaths,NumberToday";
    private static final String[] PROVINCES = {"Québec", "Île-du-Prince-Édouard", "Nunavut ᓄᓇᕗᑦ", "Ontario", "Montréal, \"QC\""};

    private TestFeeds() {
    }

    /** Rows {@code from..to-1}; CRLF line ends, non-ASCII names, quoted fields, no newline after the last row. */
    static String csv(long from, long to, boolean header) {
        StringBuilder sb = new StringBuilder(header ? HEADER : "");
        for (long i = from; i < to; i++) {
            if (sb.length() > 0) {
                sb.append("\r\n");
            }
            sb.append(row(i));
        }
        return sb.toString();
    }

    static String row(long i) {
        String p = province(i);
        String quoted = p.contains(",") ? "\"" + p.replace("\"", "\"\"") + "\"" : p;
        return date(i) + "," + quoted + "," + i + "," + (i / 2) + "," + (i % 97) + "," + (i % 13);
    }

    /** The Province of row {@code i}, unquoted. */
    static String province(long i) {
        return PROVINCES[(int) (i % PROVINCES.length)];
    }

    static LocalDate date(long i) {
        return LocalDate.of(2020, 1, 1).plusDays(i % 900);
    }

    /**
     * Whether a record value (JsonConverter, no envelope: Date as epoch days) holds exactly row {@code id}'s values;
     * null when it does, else what differs.
     */
    static String mismatch(com.fasterxml.jackson.databind.JsonNode v) {
        long i = v.get("Confirmed").asLong();
        String expected = date(i).toEpochDay() + "|" + province(i) + "|" + (i / 2) + "|" + (i % 97) + "|" + (i % 13);
        String actual = v.get("Date").asLong() + "|" + v.get("Province").asText() + "|" + v.get("Recovered").asLong()
                + "|" + v.get("Deaths").asLong() + "|" + v.get("NumberToday").asLong();
        return expected.equals(actual) ? null : "row " + i + ": expected " + expected + ", got " + actual;
    }

    static Path write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        return Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
