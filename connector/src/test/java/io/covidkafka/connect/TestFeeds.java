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
        String p = PROVINCES[(int) (i % PROVINCES.length)];
        String province = p.contains(",") ? "\"" + p.replace("\"", "\"\"") + "\"" : p;
        return LocalDate.of(2020, 1, 1).plusDays(i % 900) + "," + province + "," + i + "," + (i / 2) + "," + (i % 97) + "," + (i % 13);
    }

    static Path write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        return Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
