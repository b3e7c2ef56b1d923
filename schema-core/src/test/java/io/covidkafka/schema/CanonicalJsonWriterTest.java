package io.covidkafka.schema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonWriterTest {

    @Test
    void covidRecordFromCsvBecomesCanonicalJsonThatParsesBackIdentically() {
        ParseOptions csv = ParseOptions.builder().csvHeader(false).build();
        CanonicalJsonWriter json = new CanonicalJsonWriter(csv.schema());
        byte[] line = "30-09-2020,Alberta,18062,16213,267,153".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordParser.create(csv).parse(line, 0, line.length, json)).isNull();
        assertThat(json.toString()).isEqualTo(
                "{\"Date\":\"2020-09-30\",\"Province\":\"Alberta\",\"Confirmed\":18062,\"Recovered\":16213,\"Deaths\":267,\"NumberToday\":153}");
        Object[] back = Feeds.parseOne(RecordParser.create(csv.toBuilder().format(FeedFormat.JSON).build()), json.toString());
        assertThat(back).containsExactly(java.time.LocalDate.of(2020, 9, 30), "Alberta", 18062L, 16213L, 267L, 153L);
    }

    @Test
    void everyTypeRoundTrips() {
        ParseOptions csv = ParseOptions.builder().csvHeader(false)
                .schema("s STRING, i INT, d DOUBLE, m DECIMAL(8,3), b BOOLEAN, t TIMESTAMP, n BIGINT").build();
        CanonicalJsonWriter json = new CanonicalJsonWriter(csv.schema());
        byte[] line = "\"quote \"\" and \\ and\nnewline\",7,2.5,-12.5,true,2020-09-30T12:00:00.5+01:00,".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordParser.create(csv).parse(line, 0, line.length, json)).isNull();
        assertThat(json.toString()).isEqualTo("{\"s\":\"quote \\\" and \\\\ and\\nnewline\",\"i\":7,\"d\":2.5,\"m\":-12.500,"
                + "\"b\":true,\"t\":\"2020-09-30T11:00:00.500Z\",\"n\":null}");
        TypedRow a = new TypedRow(csv.schema());
        RecordParser.create(csv).parse(line, 0, line.length, a);
        TypedRow b = new TypedRow(csv.schema());
        byte[] encoded = json.toBytes();
        assertThat(RecordParser.create(csv.toBuilder().format(FeedFormat.JSON).build()).parse(encoded, 0, encoded.length, b)).isNull();
        assertThat(b.values()).containsExactly(a.values());
    }

    @Test
    void aTypedRowReplaysIntoTheWriterAsTheParserWroteIt() {
        ParseOptions csv = ParseOptions.builder().csvHeader(false)
                .schema("s STRING, i INT, d DOUBLE, m DECIMAL(8,3), b BOOLEAN, t TIMESTAMP, day DATE, n BIGINT").build();
        byte[] line = "Québec,7,2.5,-12.5,true,2020-09-30T12:00:00.5+01:00,30-09-2020,".getBytes(StandardCharsets.UTF_8);
        CanonicalJsonWriter direct = new CanonicalJsonWriter(csv.schema());
        assertThat(RecordParser.create(csv).parse(line, 0, line.length, direct)).isNull();
        TypedRow row = new TypedRow(csv.schema());
        assertThat(RecordParser.create(csv).parse(line, 0, line.length, row)).isNull();
        CanonicalJsonWriter replayed = new CanonicalJsonWriter(csv.schema());
        row.writeTo(replayed);
        assertThat(replayed.toString()).isEqualTo(direct.toString()).contains("\"day\":\"2020-09-30\"").contains("\"s\":\"Québec\"");
    }

    @Test
    void aMessageIsOneRecordWithoutOneTrailingLineEnd() {
        RecordParser csv = RecordParser.create(ParseOptions.builder().csvHeader(false).build());
        TypedRow row = new TypedRow(RecordSchema.covid());
        for (String end : new String[] {"", "\n", "\r\n", "\r"}) {
            byte[] m = ("30-09-2020,Alberta,18062,16213,267,153" + end).getBytes(StandardCharsets.UTF_8);
            assertThat(csv.parseMessage(m, 0, m.length, row)).as(end).isNull();
            assertThat(row.get(5)).isEqualTo(153L);
        }
        byte[] two = "30-09-2020,Alberta,18062,16213,267,153\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(csv.parseMessage(two, 0, two.length, row)).isNotNull(); // only ONE line end is not data
        byte[] plain = "30-09-2020,Alberta,18062,16213,267,153\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(csv.parse(plain, 0, plain.length, row)).isNotNull(); // parse() judges every byte
    }

    /** The canonical string form is {@link CanonicalJsonWriter#appendQuoted} in UTF-8; the writer encodes bytes itself. */
    @Test
    void stringsAreEscapedAndEncodedExactlyAsTheCanonicalRuleSays() {
        RecordSchema schema = RecordSchema.parse("s STRING, t STRING");
        CanonicalJsonWriter json = new CanonicalJsonWriter(schema);
        String[] samples = {"", "plain", "quote \" back \\ slash", "\n\r\t\b\f\u0000\u001f end", "Québec Montréal",
            "中文 ∑ \u20ac", "emoji \uD83D\uDE00 pair", "lone \uD83D high", "lone \uDE00 low", "end high \uD83D",
            "\u007f\u0080\u07ff\u0800\uffff", "x".repeat(700) + "é".repeat(300)};
        for (String v : samples) {
            StringBuilder expected = new StringBuilder("{\"s\":");
            CanonicalJsonWriter.appendQuoted(expected, v);
            expected.append(",\"t\":");
            CanonicalJsonWriter.appendQuoted(expected, v);
            expected.append('}');
            json.begin();
            json.setString(0, v);
            char[] chars = ("<" + v + ">").toCharArray();
            json.setString(1, chars, 1, v.length());
            assertThat(json.toBytes()).as(v).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void valuesMayComeInAnyOrderAndUnsetOnesAreNull() {
        CanonicalJsonWriter json = new CanonicalJsonWriter(RecordSchema.parse("a BIGINT, b STRING, c INT, d DATE"));
        json.begin();
        json.setDate(3, (int) java.time.LocalDate.of(2020, 9, 30).toEpochDay());
        json.setString(1, "x");
        assertThat(json.toString()).isEqualTo("{\"a\":null,\"b\":\"x\",\"c\":null,\"d\":\"2020-09-30\"}");
        json.begin();
        json.setInt(2, -7);
        json.setNull(1);
        json.setLong(0, 0);
        assertThat(json.toString()).isEqualTo("{\"a\":0,\"b\":null,\"c\":-7,\"d\":null}");
    }

    @Test
    void numbersAndDatesAtTheirLimitsMatchJavasOwnText() {
        CanonicalJsonWriter json = new CanonicalJsonWriter(RecordSchema.parse("n BIGINT, d DATE, x DOUBLE, b BOOLEAN"));
        long[] longs = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 9, 10, 99, 100, Integer.MIN_VALUE, 1_000_000_007L};
        java.time.LocalDate[] dates = {java.time.LocalDate.of(999, 12, 31), java.time.LocalDate.of(1, 1, 1),
            java.time.LocalDate.of(0, 1, 1), java.time.LocalDate.of(-1, 6, 1), java.time.LocalDate.of(9999, 12, 31),
            java.time.LocalDate.of(10000, 1, 1), java.time.LocalDate.of(1970, 1, 1), java.time.LocalDate.of(2020, 2, 29)};
        double[] doubles = {0.0, -0.0, 1e21, 2.5, Double.NaN, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < longs.length; i++) {
            json.begin();
            json.setLong(0, longs[i]);
            json.setDate(1, (int) dates[i % dates.length].toEpochDay());
            double x = doubles[i % doubles.length];
            json.setDouble(2, x);
            json.setBoolean(3, i % 2 == 0);
            String xs = Double.isNaN(x) || Double.isInfinite(x) ? "\"" + x + "\"" : Double.toString(x);
            assertThat(json.toString()).isEqualTo("{\"n\":" + longs[i] + ",\"d\":\"" + dates[i % dates.length]
                    + "\",\"x\":" + xs + ",\"b\":" + (i % 2 == 0) + "}");
        }
    }
}
