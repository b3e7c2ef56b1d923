package io.covidkafka.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static io.covidkafka.cli.CliRun.CCODWG_ACTIVE;
import static io.covidkafka.cli.CliRun.CCODWG_CASES;
import static io.covidkafka.cli.CliRun.PHAC;
import static io.covidkafka.cli.CliRun.run;
import static io.covidkafka.cli.CliRun.shared;
import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    /** The COVID schema with Recovered made NOT NULL: the PHAC file leaves numrecover empty on 524 rows. */
    static final String STRICT = "Date DATE NOT NULL, Province STRING NOT NULL, Confirmed BIGINT NOT NULL, "
            + "Recovered BIGINT NOT NULL, Deaths BIGINT, NumberToday BIGINT";

    @TempDir
    Path tmp;

    @Test
    void phacPresetAcceptsTheWholeFile() throws Exception {
        CliRun r = run("validate", shared(PHAC), "--format", "csv", "--mapping", "phac", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode s = r.jsonLines().get(0);
        assertThat(s.get("input").asText()).endsWith("phac_covid19_2020-06-15.csv");
        assertThat(s.get("records").asLong()).isEqualTo(1497);
        assertThat(s.get("accepted").asLong()).isEqualTo(1497);
        assertThat(s.get("rejected").asLong()).isZero();
        assertThat(s.get("bytes").asLong()).isEqualTo(Files.size(CliRun.sharedPath(PHAC)));
        assertThat(s.get("reasons")).isEmpty();
    }

    @Test
    void textReportShowsCountsAndTheReasonTable() {
        CliRun r = run("validate", shared(PHAC), "--mapping", "phac", "--schema", STRICT);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("1,497 records read, 973 accepted, 524 rejected, 163,640 bytes");
        assertThat(r.out()).containsPattern("Recovered\\s+NULL_NOT_ALLOWED\\s+524\\s+line 2, @218: '' -> BIGINT NOT NULL; line 3, @297");
    }

    @Test
    void strictSchemaRejectsRowsWithReasonsInJson() {
        CliRun r = run("validate", shared(PHAC), "--mapping", "phac", "--schema", STRICT, "--json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode s = r.jsonLines().get(0);
        assertThat(s.get("records").asLong()).isEqualTo(1497);
        assertThat(s.get("accepted").asLong()).isEqualTo(973);
        assertThat(s.get("rejected").asLong()).isEqualTo(524);
        assertThat(s.get("reasons")).hasSize(1);
        JsonNode reason = s.get("reasons").get(0);
        assertThat(reason.get("field").asText()).isEqualTo("Recovered");
        assertThat(reason.get("reason").asText()).isEqualTo("NULL_NOT_ALLOWED");
        assertThat(reason.get("count").asLong()).isEqualTo(524);
        JsonNode first = reason.get("examples").get(0);
        assertThat(first.get("line").asLong()).isEqualTo(2);
        assertThat(first.get("offset").asLong()).isEqualTo(218); // just past the header line and its CRLF
        assertThat(first.get("value").asText()).isEmpty();
        assertThat(first.get("expected").asText()).isEqualTo("BIGINT NOT NULL");
        assertThat(reason.get("examples")).hasSize(ValidationReport.EXAMPLES);
    }

    @Test
    void typeMismatchNamesFieldValueAndExpectedPattern() {
        // ISO dates only: the PHAC dd-MM-yyyy dates are all rejected
        CliRun r = run("validate", shared(PHAC), "--mapping", "phac", "--date-formats", "yyyy-MM-dd", "--json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode reason = r.jsonLines().get(0).get("reasons").get(0);
        assertThat(reason.get("field").asText()).isEqualTo("Date");
        assertThat(reason.get("reason").asText()).isEqualTo("TYPE_MISMATCH");
        assertThat(reason.get("count").asLong()).isEqualTo(1497);
        assertThat(reason.get("examples").get(0).get("value").asText()).isEqualTo("31-01-2020");
        assertThat(reason.get("examples").get(0).get("expected").asText()).isEqualTo("DATE NOT NULL (yyyy-MM-dd)");
    }

    @Test
    void outputWritesAcceptedRowsAsJsonLinesAndRejectsTheRest() throws Exception {
        Path out = tmp.resolve("accepted.jsonl");
        Path rejects = tmp.resolve("rejects.jsonl");
        CliRun r = run("validate", shared(PHAC), "--mapping", "phac", "--schema", STRICT,
                "--output", out.toString(), "--rejects", rejects.toString());
        assertThat(r.exit()).isEqualTo(1);
        List<String> accepted = Files.readAllLines(out);
        assertThat(accepted).hasSize(973);
        JsonNode row = CliRun.JSON.readTree(accepted.get(0));
        assertThat(row.fieldNames()).toIterable().containsExactlyInAnyOrder("Date", "Province", "Confirmed", "Recovered", "Deaths", "NumberToday");
        assertThat(row.get("Date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(row.get("Recovered").isIntegralNumber()).isTrue();

        List<String> rejected = Files.readAllLines(rejects);
        assertThat(rejected).hasSize(524);
        JsonNode first = CliRun.JSON.readTree(rejected.get(0));
        assertThat(first.get("line").asLong()).isEqualTo(2);
        assertThat(first.get("offset").asLong()).isEqualTo(218);
        assertThat(first.get("reason").asText()).isEqualTo("NULL_NOT_ALLOWED");
        assertThat(first.get("field").asText()).isEqualTo("Recovered");
        assertThat(first.get("raw").asText()).startsWith("35,Ontario,Ontario,31-01-2020,3,").doesNotEndWith("\r");
    }

    @Test
    void acceptedRowsKeepTheirValues() throws Exception {
        Path out = tmp.resolve("all.jsonl");
        assertThat(run("validate", shared(PHAC), "--mapping", "phac", "--output", out.toString()).exit()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1497);
        JsonNode first = CliRun.JSON.readTree(lines.get(0));
        assertThat(first.get("Date").asText()).isEqualTo("2020-01-31");
        assertThat(first.get("Province").asText()).isEqualTo("Ontario");
        assertThat(first.get("Confirmed").asLong()).isEqualTo(3);
        assertThat(first.get("Recovered").isNull()).isTrue();
        assertThat(first.get("Deaths").asLong()).isZero();
        assertThat(first.get("NumberToday").asLong()).isEqualTo(3);
    }

    @Test
    void gzipInputReadsTransparently() throws Exception {
        Path gz = tmp.resolve("phac.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(CliRun.sharedPath(PHAC), o);
        }
        CliRun r = run("validate", gz.toString(), "--mapping", "phac", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode s = r.jsonLines().get(0);
        assertThat(s.get("accepted").asLong()).isEqualTo(1497);
        assertThat(s.get("bytes").asLong()).isEqualTo(Files.size(CliRun.sharedPath(PHAC)));
    }

    @Test
    void httpInputServedGzippedIsReadLikeAFile() throws Exception {
        byte[] body;
        try (java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
             OutputStream gz = new GZIPOutputStream(bytes)) {
            Files.copy(CliRun.sharedPath(PHAC), gz);
            gz.close();
            body = bytes.toByteArray();
        }
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/covid19.csv", ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/covid19.csv";
            CliRun r = run("validate", url, "--mapping", "phac", "--schema", "@" + writeSchema(STRICT), "--json");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            JsonNode s = r.jsonLines().get(0);
            assertThat(s.get("input").asText()).isEqualTo(url);
            assertThat(s.get("accepted").asLong()).isEqualTo(973);
            assertThat(s.get("rejected").asLong()).isEqualTo(524);
            CliRun missing = run("validate", url.replace("/covid19.csv", "/missing.csv"), "--mapping", "phac");
            assertThat(missing.exit()).isEqualTo(2);
            assertThat(missing.err()).contains("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    private Path writeSchema(String ddl) throws Exception {
        Path f = tmp.resolve("schema.ddl");
        Files.writeString(f, ddl + "\n");
        return f;
    }

    @Test
    void globAndDirectoryInputsGiveOneSummaryPerFile() {
        Path dir = CliRun.sharedPath(CCODWG_CASES).getParent();
        CliRun glob = run("validate", dir.resolve("ccodwg_*.csv").toString(), "--json",
                "--schema", "province STRING NOT NULL, date_report DATE, date_active DATE");
        assertThat(glob.exit()).as(glob.err()).isZero();
        assertThat(glob.jsonLines()).hasSize(2);
        assertThat(glob.jsonLines()).allSatisfy(s -> assertThat(s.get("accepted").asLong()).isEqualTo(11620));
        CliRun directory = run("validate", dir.toString(), "--json", "--schema", "province STRING NOT NULL");
        assertThat(directory.jsonLines()).hasSize(3);
        assertThat(directory.jsonLines().get(0).get("input").asText()).endsWith(CCODWG_ACTIVE.substring(CCODWG_ACTIVE.lastIndexOf('/') + 1));
    }

    @Test
    void bomCrlfAndQuotedNewlinesAreFramedLikeTheConnector() throws Exception {
        Path f = tmp.resolve("quirks.csv");
        String body = "\uFEFFdate,prname,numconf\r\n"
                + "30-09-2020,\"Qu\u00e9bec\",10\r\n"
                + "01-10-2020,\"Nova\r\nScotia\",x12\r\n"
                + "02-10-2020,Alberta,13\r\n";
        Files.writeString(f, body, StandardCharsets.UTF_8);
        CliRun r = run("validate", f.toString(), "--mapping", "phac", "--json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode s = r.jsonLines().get(0);
        assertThat(s.get("records").asLong()).isEqualTo(3);
        assertThat(s.get("accepted").asLong()).isEqualTo(2);
        JsonNode ex = s.get("reasons").get(0).get("examples").get(0);
        assertThat(s.get("reasons").get(0).get("field").asText()).isEqualTo("Confirmed");
        assertThat(ex.get("value").asText()).isEqualTo("x12");
        assertThat(ex.get("line").asLong()).isEqualTo(3);
    }

    @Test
    void badUsageAndConfigExitTwoWithOneLineNamingTheOption() {
        CliRun badDdl = run("validate", shared(PHAC), "--schema", "Date DAT");
        assertThat(badDdl.exit()).isEqualTo(2);
        assertThat(badDdl.err().strip()).startsWith("covid-kafka validate: bad --schema:").doesNotContain("\n").doesNotContain("Exception");

        CliRun badMapping = run("validate", shared(PHAC), "--mapping", "prname:Nowhere");
        assertThat(badMapping.exit()).isEqualTo(2);
        assertThat(badMapping.err()).contains("--mapping").contains("Nowhere");

        CliRun badDelimiter = run("validate", shared(PHAC), "--delimiter", "ab");
        assertThat(badDelimiter.exit()).isEqualTo(2);
        assertThat(badDelimiter.err()).contains("--delimiter");

        CliRun missing = run("validate", tmp.resolve("nope.csv").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");

        CliRun unknownOption = run("validate", shared(PHAC), "--shema", "x");
        assertThat(unknownOption.exit()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("--shema");

        assertThat(run("validate").exit()).isEqualTo(2);
    }

    @Test
    void configFromPropertiesFileAndFlagsOverrideIt() throws Exception {
        Path props = tmp.resolve("phac-source.properties");
        Files.writeString(props, String.join("\n",
                "name=phac-source",
                "connector.class=io.covidkafka.connect.CovidSourceConnector",
                "format=csv",
                "schema=" + STRICT,
                "field.mapping=phac",
                "date.formats=dd-MM-yyyy",
                "null.values=\"\",N/A"));
        CliRun r = run("validate", shared(PHAC), "--config", props.toString(), "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.jsonLines().get(0).get("rejected").asLong()).isEqualTo(524);

        CliRun overridden = run("validate", shared(PHAC), "--config", props.toString(), "--json",
                "--schema", "Date DATE NOT NULL, Province STRING NOT NULL, Confirmed BIGINT, Recovered BIGINT, Deaths BIGINT, NumberToday BIGINT");
        assertThat(overridden.exit()).isZero();
        assertThat(overridden.jsonLines().get(0).get("accepted").asLong()).isEqualTo(1497);

        Path bad = tmp.resolve("bad.properties");
        Files.writeString(bad, "schema=Date DATE NOT NULL\nunknown.fields=maybe\n");
        CliRun badRun = run("validate", shared(PHAC), "--config", bad.toString());
        assertThat(badRun.exit()).isEqualTo(2);
        assertThat(badRun.err()).contains("unknown.fields in " + bad);
    }

    @Test
    void configFromRestJson() throws Exception {
        Path json = tmp.resolve("phac-source.json");
        Files.writeString(json, "{\"name\":\"phac-source\",\"config\":{"
                + "\"connector.class\":\"io.covidkafka.connect.CovidSourceConnector\","
                + "\"tasks.max\":1,"
                + "\"schema\":\"" + STRICT + "\","
                + "\"field.mapping\":\"phac\","
                + "\"null.values\":\",N/A\"}}");
        CliRun r = run("validate", shared(PHAC), "--config", json.toString(), "--json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode s = r.jsonLines().get(0);
        assertThat(s.get("accepted").asLong()).isEqualTo(973);
        assertThat(s.get("reasons").get(0).get("field").asText()).isEqualTo("Recovered");

        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"name\":");
        CliRun b = run("validate", shared(PHAC), "--config", broken.toString());
        assertThat(b.exit()).isEqualTo(2);
        assertThat(b.err()).contains("--config").contains("not valid JSON");
    }
}
