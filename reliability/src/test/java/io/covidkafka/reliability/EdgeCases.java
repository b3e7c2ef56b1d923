package io.covidkafka.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed corpus the mutations start from: the CSV and JSON edge cases of the schema core's own tests (quoted
 * delimiters and newlines, doubled quotes, CRLF, BOM, missing/extra columns, malformed quoting, pretty-printed,
 * concatenated and array JSON, numbers as strings, nested unknown fields, wrong types, overflow), plus real rows
 * of the shared PHAC file.
 */
final class EdgeCases {

    /** The schema of {@link #WIDE_CSV_RECORDS}/{@link #WIDE_JSON_RECORDS}: one field of every type. */
    static final String WIDE_DDL = "Date DATE NOT NULL, Province STRING NOT NULL, Confirmed BIGINT, Rate DOUBLE, "
            + "Ok BOOLEAN, Amount DECIMAL(10,2), At TIMESTAMP, Small INT";

    /** Single covid-schema CSV records in schema order (what a Kafka message value holds). */
    static final List<String> CSV_RECORDS = List.of(
            "2020-09-30,Alberta,18062,16213,267,153",
            "30-09-2020,Alberta,18062,16213,267,153",
            "\uFEFF30-09-2020,Alberta,18062,16213,267,153",
            "2020-09-30,\"Montréal, \"\"QC\"\"\",1,2,3,4",
            "2020-09-30,\"multi\nline\",1,,N/A,null",
            "2020-09-30,Île-du-Prince-Édouard,0,0,0,0",
            "2020-09-30,Nunavut ᓄᓇᕗᑦ,1,2,3,4",
            "2020-09-30,short,1",
            "2020-09-30,long,1,2,3,4,EXTRA,MORE",
            "\"a\"b,1,x",
            "\"open,3,z",
            "2020-09-30,,700,1,1,1",
            "2020-09-30,A,x3y,1,1,1",
            "2020-09-30,A,99999999999999999999,1,1,1",
            "2020-09-30\tA\t1\t2\t3\t4",
            "");

    static final List<String> CSV_FEEDS = List.of(
            "Date,Province,Confirmed,Recovered,Deaths,NumberToday\n2020-09-30,Alberta,18062,16213,267,153\n",
            "Date,Province,Confirmed,Recovered,Deaths,NumberToday\r\n2020-09-30,\"a,b\",1,2,3,4\r\n2020-10-01,\"say \"\"hi\"\"\",5,6,7,8",
            "\uFEFFDate,Province,Confirmed\r\n30-09-2020,Yukon,1\r\n\r\n\n01-10-2020,\"multi\nline\",2\n",
            "\"Date\",\"Province\",\"Confirmed\"\n\"2020-09-30\",\"Alberta\",1\n",
            "NumberToday,extra,PROVINCE,date\n5,zzz,bob,2020-09-30\n",
            "Province,Confirmed\nAlberta,1\n",
            "Date,Province,Confirmed\n\"a\"b,1,x\n2020-09-30,ok,2\n\"open,3,z\n",
            "Date,Province,Confirmed,Recovered,Deaths,NumberToday\n2020-09-30,short,1\n2020-09-30,long,2,3,4,5,EXTRA\n",
            "",
            "Date,Province,Confirmed\n");

    static final String ALBERTA = "{\"Date\":\"30-09-2020\",\"Province\":\"Alberta\",\"Confirmed\":18062,"
            + "\"Recovered\":16213,\"Deaths\":267,\"NumberToday\":153}";

    static final List<String> JSON_RECORDS = List.of(
            ALBERTA,
            "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"Confirmed\":\"12\",\"Recovered\":null,\"Deaths\":\"N/A\","
                    + "\"extra\":{\"deep\":[1,2,{\"x\":1}]}}",
            "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"Confirmed\":1.5}",
            "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"Confirmed\":{\"a\":1}}",
            "{\"Date\":\"2020-09-30\",\"Province\":\"A\",\"Deaths\":99999999999999999999}",
            "{\"Province\":\"A\"}",
            "{\"Date\":null,\"Province\":\"A\"}",
            "{\n  \"Date\": \"2020-09-30\",\n  \"Province\": \"Alberta\"\n}",
            "{\"Date\":\"2020-09-30\",\"Province\":\"Montréal, \\\"QC\\\" \\u00e9\\ud83d\\ude37\",\"Confirmed\":1}",
            "{\"Date\":\"2020-09-30\",\"Province\":\"cut\",",
            "[1,2]",
            "42",
            "{\"Date\":\"2020-09-30\",\"Province\":\"A\"}}",
            "{}",
            "");

    static final List<String> JSON_FEEDS = List.of(
            ALBERTA + "\n" + ALBERTA.replace("Alberta", "Québec") + "\n",
            ALBERTA + ALBERTA.replace("Alberta", "Québec"),
            "[\n  " + ALBERTA + ",\n  " + ALBERTA.replace("Alberta", "Québec") + "\n]\n",
            "{\n  \"Date\": \"2020-09-30\",\n  \"Province\": \"Alberta\"\n}\n{\n  \"Date\": \"2020-10-01\",\n  \"Province\": \"Yukon\"\n}\n",
            ALBERTA + "\n{\"Date\":\"2020-09-30\",\"Province\":\"trunc\n{\"Date\":\"2020-09-30\",\"Province\":\"cut\",\n[1,2]\n42\n"
                    + "{\"Date\":\"2020-09-30\",\"Province\":\"A\"}}\n" + ALBERTA + "\n",
            " \n\t\r\n",
            "[]",
            "[ ]\n",
            "");

    static final List<String> WIDE_CSV_RECORDS = List.of(
            "2020-09-30,Alberta,1,0.5,true,12.34,2020-09-30T12:00:00Z,7",
            "30-09-2020,\"B, C\",,1e10,false,-0.01,2020-09-30 12:00:00.5+02:00,-2147483648",
            "2020-09-30,x,9223372036854775807,-1.7976931348623157E308,TRUE,99999999.99,2020-09-30T12:00Z,2147483647");

    static final List<String> WIDE_JSON_RECORDS = List.of(
            "{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\",\"Confirmed\":1,\"Rate\":0.5,\"Ok\":true,\"Amount\":12.34,"
                    + "\"At\":\"2020-09-30T12:00:00Z\",\"Small\":7}",
            "{\"Date\":\"2020-09-30\",\"Province\":\"B\",\"Rate\":\"1e10\",\"Ok\":\"false\",\"Amount\":\"-0.01\","
                    + "\"At\":\"2020-09-30 12:00:00.5+02:00\",\"Small\":-2147483648}");

    private EdgeCases() {
    }

    /** Data lines (no header) of the shared PHAC file, as a real-world CSV seed with the phac mapping. */
    static List<String> phacLines(int max) {
        try {
            List<String> lines = Files.readAllLines(SharedData.file("covid/canada/phac_covid19_2020-06-15.csv"),
                    StandardCharsets.UTF_8);
            return new ArrayList<>(lines.subList(1, Math.min(lines.size(), max + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String phacHeader() {
        try (var lines = Files.lines(SharedData.file("covid/canada/phac_covid19_2020-06-15.csv"))) {
            return lines.findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path phacFile() {
        return SharedData.file("covid/canada/phac_covid19_2020-06-15.csv");
    }
}
