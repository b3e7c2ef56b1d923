package io.covidkafka.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.covidkafka.schema.DataType;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.SchemaField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static io.covidkafka.cli.CliRun.PHAC;
import static io.covidkafka.cli.CliRun.run;
import static io.covidkafka.cli.CliRun.shared;
import static org.assertj.core.api.Assertions.assertThat;

class InferCommandTest {

    @TempDir
    Path tmp;

    /** The properties file the last {@link #inferTo} wrote. */
    private Path lastWritten;

    private Properties inferTo(String input, String... more) throws Exception {
        Path props = tmp.resolve("inferred-" + System.nanoTime() + ".properties");
        String[] args = new String[3 + more.length];
        args[0] = "infer";
        args[1] = input;
        System.arraycopy(more, 0, args, 2, more.length);
        args[args.length - 1] = "--write=" + props;
        CliRun r = run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        lastWritten = props;
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static SchemaField field(Properties p, String name) {
        RecordSchema s = RecordSchema.parse(p.getProperty("schema"));
        int i = s.indexOf(name);
        assertThat(i).as(name + " in " + s).isNotNegative();
        return s.field(i);
    }

    @Test
    void phacColumnsColumnByColumn() throws Exception {
        Properties p = inferTo(shared(PHAC));
        assertThat(RecordSchema.parse(p.getProperty("schema")).size()).isEqualTo(21);
        assertThat(field(p, "pruid")).isEqualTo(new SchemaField("pruid", DataType.INT, false));
        assertThat(field(p, "prname")).isEqualTo(new SchemaField("prname", DataType.STRING, false));
        assertThat(field(p, "prnameFR")).isEqualTo(new SchemaField("prnameFR", DataType.STRING, false));
        assertThat(field(p, "date")).isEqualTo(new SchemaField("date", DataType.DATE, false));
        assertThat(field(p, "numconf")).isEqualTo(new SchemaField("numconf", DataType.BIGINT, false));
        assertThat(field(p, "numrecover")).isEqualTo(new SchemaField("numrecover", DataType.BIGINT, true));
        assertThat(field(p, "numtoday")).isEqualTo(new SchemaField("numtoday", DataType.INT, false)); // -1..2760
        assertThat(field(p, "percentrecover")).isEqualTo(new SchemaField("percentrecover", DataType.decimal(5, 2), true));
        assertThat(p.getProperty("date.formats")).isEqualTo("dd-MM-yyyy");
        assertThat(p.getProperty("field.formats")).isNull();
        // empty cells everywhere, N/A in percentrecover
        assertThat(FeedSettings.parseNullValues(p.getProperty("null.values"))).containsExactly("", "N/A");
        assertThat(p.getProperty("format")).isEqualTo("csv");
    }

    @Test
    void phacReportSaysWhatWasSeen() {
        CliRun r = run("infer", shared(PHAC), "--format", "csv");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("1,497 records sampled (the whole input)");
        assertThat(r.out()).containsPattern("# date\\s+DATE NOT NULL\\s+0\\s+pattern dd-MM-yyyy");
        assertThat(r.out()).containsPattern("# numrecover\\s+BIGINT\\s+524\\s+min 0, max 60272; null as empty x524");
        assertThat(r.out()).containsPattern("# percentrecover\\s+DECIMAL\\(5,2\\)\\s+584 .*null as empty x524, 'N/A' x60");
        assertThat(r.out()).contains("NOT NULL is proposed only for columns with no null in the sample");
        assertThat(r.out()).contains("\nschema=pruid INT NOT NULL, prname STRING NOT NULL,");
        assertThat(r.out()).contains("\nnull.values=\"\",N/A\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {PHAC, CliRun.CCODWG_CASES, CliRun.CCODWG_ACTIVE})
    void inferredSchemaValidatesItsOwnSample(String file) throws Exception {
        Path props = tmp.resolve("roundtrip.properties");
        assertThat(run("infer", shared(file), "--write", props.toString()).exit()).isZero();
        CliRun v = run("validate", shared(file), "--config", props.toString(), "--json");
        assertThat(v.exit()).as(v.out() + v.err()).isZero();
        JsonNode s = v.jsonLines().get(0);
        assertThat(s.get("rejected").asLong()).isZero();
        assertThat(s.get("accepted").asLong()).isEqualTo(file.equals(PHAC) ? 1497 : 11620);
    }

    @Test
    void sampleLimitsTheRecordsRead() throws Exception {
        CliRun r = run("infer", shared(PHAC), "--sample", "10");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("10 records sampled").doesNotContain("whole input");
        // the first ten rows have no recovered counts yet: all empty, so nothing but STRING fits
        assertThat(r.out()).containsPattern("# numrecover\\s+STRING\\s+10");
    }

    @Test
    void leadingZeroCodesThousandsAndAmbiguousDatesAreReported() throws Exception {
        Path f = tmp.resolve("us.csv");
        Files.writeString(f, "fips,state,cases,reported,updated\n"
                + "01,Alabama,\"1,234\",01-02-2020,9/30/2020\n"
                + "02,Alaska,56,03-04-2020,10/1/2020\n"
                + "13,Georgia,\"12,345\",05-06-2020,10/12/2020\n");
        Properties p = inferTo(f.toString());
        assertThat(field(p, "fips").type()).isEqualTo(DataType.STRING);
        assertThat(field(p, "cases").type()).isEqualTo(DataType.STRING);
        assertThat(field(p, "reported").type()).isEqualTo(DataType.DATE);
        assertThat(field(p, "updated").type()).isEqualTo(DataType.DATE);
        assertThat(p.getProperty("field.formats")).isEqualTo("reported=dd-MM-yyyy;updated=M/d/yyyy");
        CliRun r = run("infer", f.toString());
        assertThat(r.out()).contains("fips: kept STRING, 2 values are codes with leading zeros (e.g. '01')");
        assertThat(r.out()).contains("cases: 2 values are numbers with thousands separators (e.g. '1,234')");
        assertThat(r.out()).contains("reported: AMBIGUOUS dates, every value fits both [dd-MM-yyyy] and [MM-dd-yyyy]");
        assertThat(r.out()).doesNotContain("updated: AMBIGUOUS");
        Path props = tmp.resolve("us.properties");
        run("infer", f.toString(), "--write", props.toString());
        assertThat(run("validate", f.toString(), "--config", props.toString()).exit()).isZero();
    }

    @Test
    void twoDigitYearsAndTimestamps() throws Exception {
        Path f = tmp.resolve("ts.csv");
        Files.writeString(f, "day,at,flag,ratio\n"
                + "30/9/20,2020-09-30T10:15:00Z,true,0.5\n"
                + "1/10/20,2020-10-01T08:00:00.250+02:00,FALSE,12\n");
        Properties p = inferTo(f.toString());
        assertThat(field(p, "day").type()).isEqualTo(DataType.DATE);
        assertThat(field(p, "at").type()).isEqualTo(DataType.TIMESTAMP);
        assertThat(field(p, "flag").type()).isEqualTo(DataType.BOOLEAN);
        assertThat(field(p, "ratio").type()).isEqualTo(DataType.decimal(3, 1));
        assertThat(p.getProperty("date.formats")).isEqualTo("d/M/yy");
        assertThat(p.getProperty("timestamp.formats")).isEqualTo("yyyy-MM-dd'T'HH:mm:ss[.S][X]");
        assertThat(run("infer", f.toString()).out()).contains("day: 2-digit years (yy) are read as 20yy");
        Path props = tmp.resolve("ts.properties");
        run("infer", f.toString(), "--write", props.toString());
        CliRun v = run("validate", f.toString(), "--config", props.toString(), "--json");
        assertThat(v.exit()).as(v.out()).isZero();
    }

    @Test
    void jsonKeyedByNameAndNestedObjectsAreReportedWithTheFlatteningNeeded() throws Exception {
        Path f = tmp.resolve("by-country.json");
        Files.writeString(f, "{\"Canada\":[{\"date\":\"2020-01-31\",\"confirmed\":3,\"where\":{\"lat\":56.1}},"
                + "{\"date\":\"2020-02-01\",\"confirmed\":4,\"deaths\":null,\"where\":{\"lat\":56.1}}],"
                + "\"Italy\":[{\"date\":\"2020-01-31\",\"confirmed\":2,\"deaths\":0}]}");
        CliRun r = run("infer", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 records sampled");
        assertThat(r.out()).contains("top-level object keyed by name (Canada, Italy, ...)");
        assertThat(r.out()).contains("where: nested object, left out of the schema; flatten");
        assertThat(r.out()).contains("\nformat=json\n");
        assertThat(r.out()).contains("\nschema=date DATE NOT NULL, confirmed INT NOT NULL, deaths INT\n");
        assertThat(r.out()).contains("\ndate.formats=yyyy-MM-dd\n");
    }

    @Test
    void jsonLinesRoundTrip() throws Exception {
        Path f = tmp.resolve("feed.jsonl");
        Files.writeString(f, "{\"Date\":\"30-09-2020\",\"Province\":\"Alberta\",\"Confirmed\":18062,\"Recovered\":16213,\"Deaths\":267,\"NumberToday\":153}\n"
                + "{\"Date\":\"01-10-2020\",\"Province\":\"Qu\u00e9bec\",\"Confirmed\":75221,\"Recovered\":null,\"Deaths\":5833,\"NumberToday\":1}\n");
        Path props = tmp.resolve("feed.properties");
        CliRun r = run("infer", f.toString(), "--write", props.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("schema=Date DATE NOT NULL, Province STRING NOT NULL, Confirmed BIGINT NOT NULL, Recovered INT, Deaths INT NOT NULL, NumberToday INT NOT NULL");
        CliRun v = run("validate", f.toString(), "--config", props.toString(), "--json");
        assertThat(v.exit()).as(v.out() + v.err()).isZero();
        assertThat(v.jsonLines().get(0).get("accepted").asLong()).isEqualTo(2);
    }

    @Test
    void gzipBomCrlfAndQuotedNewlinesAreFramedLikeTheConnector() throws Exception {
        Path gz = tmp.resolve("quirks.csv.gz");
        try (java.io.OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(("\uFEFF\"prname\",\"date\",\"numconf\"\r\n"
                    + "\"Qu\u00e9bec\",30-09-2020,10\r\n"
                    + "\"Nova\r\nScotia\",01-10-2020,N/A\r\n"
                    + "Alberta,02-10-2020,13\r\n").getBytes(StandardCharsets.UTF_8));
        }
        Properties p = inferTo(gz.toString());
        // the BOM is not part of the first column's name, the quoted line end does not split a record
        assertThat(p.getProperty("schema")).isEqualTo("prname STRING NOT NULL, date DATE NOT NULL, numconf INT");
        assertThat(FeedSettings.parseNullValues(p.getProperty("null.values"))).containsExactly("N/A");
        CliRun v = run("validate", gz.toString(), "--config", lastWritten.toString(), "--json");
        assertThat(v.exit()).as(v.out() + v.err()).isZero();
        assertThat(v.jsonLines().get(0).get("accepted").asLong()).isEqualTo(3);
    }

    @Test
    void nullValuesSettingKeepsTheEmptyToken() {
        assertThat(FeedSettings.parseNullValues("\"\",N/A")).containsExactly("", "N/A");
        assertThat(FeedSettings.parseNullValues(",N/A")).containsExactly("", "N/A");
        assertThat(FeedSettings.parseNullValues("N/A, null")).containsExactly("N/A", "null");
        assertThat(FeedSettings.parseNullValues("")).isEmpty();
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("infer").exit()).isEqualTo(2);
        CliRun badSample = run("infer", shared(PHAC), "--sample", "-1");
        assertThat(badSample.exit()).isEqualTo(2);
        assertThat(badSample.err()).contains("--sample");
        CliRun badFormat = run("infer", shared(PHAC), "--format", "xml");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format");
    }
}
