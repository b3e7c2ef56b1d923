package io.covidkafka.schema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvFeedTest {

    private static final ParseOptions OPTS = ParseOptions.builder().schema("name STRING, n BIGINT, note STRING").build();

    @Test
    void quotesEmbeddedDelimitersQuotesAndNewlines() {
        List<Feeds.Outcome> rows = Feeds.read("name,n,note\n\"a,b\",1,\"say \"\"hi\"\"\"\n\"multi\nline\",2,\"x\r\ny\"\n", OPTS);
        assertThat(rows).allMatch(Feeds.Outcome::accepted);
        assertThat(rows.get(0).values()).containsExactly("a,b", 1L, "say \"hi\"");
        assertThat(rows.get(1).values()).containsExactly("multi\nline", 2L, "x\r\ny");
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).endLine()).isEqualTo(6);
    }

    @Test
    void crlfBomAndNoTrailingNewline() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "name,n,note\r\nx,1,a\r\ny,2,b".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        List<Feeds.Outcome> rows = Feeds.read(all, OPTS, 0, 1);
        assertThat(rows).extracting(o -> o.values()[0]).containsExactly("x", "y");
        assertThat(rows.get(0).offset()).isEqualTo(3 + 13);
        assertThat(rows.get(0).end()).isEqualTo(3 + 13 + 7);
        assertThat(rows.get(1).end()).isEqualTo(all.length);
        assertThat(rows.get(1).values()[2]).isEqualTo("b");
    }

    @Test
    void headerMatchesByNameNotPosition() {
        List<Feeds.Outcome> rows = Feeds.read("note,extra,NAME,n\nhello,zzz,bob,5\n", OPTS);
        assertThat(rows.get(0).values()).containsExactly("bob", 5L, "hello");
    }

    @Test
    void quotedHeaderNames() {
        List<Feeds.Outcome> rows = Feeds.read("\"name\",\"n\",\"note\"\n\"Alberta\",1,x\n", OPTS);
        assertThat(rows.get(0).values()).containsExactly("Alberta", 1L, "x");
    }

    @Test
    void missingAndExtraColumns() {
        List<Feeds.Outcome> rows = Feeds.read("name,n,note\nshort,1\nlong,2,x,EXTRA,MORE\n", OPTS);
        assertThat(rows.get(0).values()).containsExactly("short", 1L, null);
        assertThat(rows.get(1).values()).containsExactly("long", 2L, "x");

        ParseOptions strict = OPTS.toBuilder().unknownFields(ParseOptions.FieldPolicy.REJECT)
                .missingFields(ParseOptions.FieldPolicy.REJECT).build();
        List<Feeds.Outcome> strictRows = Feeds.read("name,n,note\nshort,1\nlong,2,x,EXTRA\n", strict);
        assertThat(strictRows.get(0).rejection().reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(strictRows.get(0).rejection().field()).isEqualTo("note");
        assertThat(strictRows.get(1).rejection().reason()).isEqualTo(RejectReason.UNKNOWN_FIELD);
        assertThat(strictRows.get(1).rejection().detail()).contains("4 columns, expected 3");
    }

    @Test
    void missingRequiredColumnRejectsEveryRow() {
        List<Feeds.Outcome> rows = Feeds.read("Province,Confirmed\nAlberta,1\n", ParseOptions.defaults());
        assertThat(rows.get(0).rejection().reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rows.get(0).rejection().field()).isEqualTo("Date");
    }

    @Test
    void emptyInputsAndBlankLines() {
        assertThat(Feeds.read("", OPTS)).isEmpty();
        assertThat(Feeds.read("name,n,note\n", OPTS)).isEmpty();
        assertThat(Feeds.read("name,n,note", OPTS)).isEmpty();
        List<Feeds.Outcome> rows = Feeds.read("name,n,note\n\n\r\nx,1,y\n\n", OPTS);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).line()).isEqualTo(4);
    }

    @Test
    void malformedQuotingIsRejectedAndDoesNotSwallowLaterRows() {
        List<Feeds.Outcome> rows = Feeds.read("name,n,note\n\"a\"b,1,x\nok,2,y\n\"open,3,z\n", OPTS);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).rejection().reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(rows.get(0).rejection().detail()).contains("after a closing quote");
        assertThat(rows.get(1).values()).containsExactly("ok", 2L, "y");
        assertThat(rows.get(2).rejection().detail()).contains("unterminated");
        assertThat(rows.get(2).rejection().line()).isEqualTo(4);
    }

    @Test
    void customDelimiterAndHeaderlessColumns() {
        ParseOptions semi = OPTS.toBuilder().csvDelimiter(';').csvHeader(false).csvColumns(List.of("n", "name")).build();
        List<Feeds.Outcome> rows = Feeds.read("7;\"x;y\"\n", semi);
        assertThat(rows.get(0).values()).containsExactly("x;y", 7L, null);
        ParseOptions tab = OPTS.toBuilder().csvDelimiter('\t').csvHeader(false).build();
        assertThat(Feeds.read("a\t1\tb\n", tab).get(0).values()).containsExactly("a", 1L, "b");
    }

    @Test
    void oversizedRecordIsRejectedWithoutBufferingIt() {
        ParseOptions small = OPTS.toBuilder().maxRecordBytes(100).build();
        String big = "x".repeat(300_000);
        List<Feeds.Outcome> rows = Feeds.read("name,n,note\n" + big + ",1,a\nok,2,b\n", small);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).rejection().reason()).isEqualTo(RejectReason.RECORD_TOO_LARGE);
        assertThat(rows.get(0).raw()).hasSize(100);
        assertThat(rows.get(0).end()).isEqualTo(12 + 300_000 + 5);
        assertThat(rows.get(1).values()).containsExactly("ok", 2L, "b");
    }

    @Test
    void singleMessageParserStripsBomAndKeepsSchemaOrder() {
        RecordParser p = RecordParser.create(ParseOptions.builder().csvHeader(false).build());
        assertThat(Feeds.parseOne(p, "\uFEFF30-09-2020,Alberta,18062,16213,267,153"))
                .containsExactly(java.time.LocalDate.of(2020, 9, 30), "Alberta", 18062L, 16213L, 267L, 153L);
    }
}
