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
}
