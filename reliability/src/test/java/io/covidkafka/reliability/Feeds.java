package io.covidkafka.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

/** Generated covid-schema CSV feeds where Confirmed is a unique row id, so missing and extra rows can be named. */
final class Feeds {

    static final String HEADER = "Date,Province,Confirmed,Recovered,Deaths,NumberToday";
    private static final String[] PROVINCES = {"Québec", "Île-du-Prince-Édouard", "Nunavut ᓄᓇᕗᑦ", "Ontario",
        "\"Montréal, \"\"QC\"\"\""};

    private Feeds() {
    }

    static String row(long id) {
        return LocalDate.of(2020, 1, 1).plusDays(id % 900) + "," + PROVINCES[(int) (id % PROVINCES.length)] + ","
                + id + "," + (id / 2) + "," + (id % 97) + "," + (id % 13);
    }

    /** Rows {@code [from, to)} with a header, CRLF line ends, no newline after the last row. */
    static String csv(long from, long to) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (long i = from; i < to; i++) {
            sb.append("\r\n").append(row(i));
        }
        return sb.toString();
    }

    /** Writes atomically (temp file + move), so the connector never sees a half-written file. */
    static Path write(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, content);
        return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    static Path write(Path file, String content) throws IOException {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
