package io.covidkafka.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process with captured stdout and stderr. */
record CliRun(int exit, String out, String err) {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PHAC = "covid/canada/phac_covid19_2020-06-15.csv";
    static final String CCODWG_CASES = "covid/canada/ccodwg_cases_timeseries_prov.csv";
    static final String CCODWG_ACTIVE = "covid/canada/ccodwg_active_timeseries_prov.csv";

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CovidKafkaCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    static String shared(String relative) {
        return SharedData.file(relative).toString();
    }

    static Path sharedPath(String relative) {
        return SharedData.file(relative);
    }

    /** The JSON summaries printed by {@code validate --json}, one per line. */
    List<JsonNode> jsonLines() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : this.out.split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(JSON.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return out;
    }
}
