package io.covidkafka.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordSchemaTest {

    @Test
    void covidDefaultHasSixFieldsWithTwoRequired() {
        RecordSchema s = RecordSchema.covid();
        assertThat(s.names()).containsExactly("Date", "Province", "Confirmed", "Recovered", "Deaths", "NumberToday");
        assertThat(s.field(0).type()).isEqualTo(DataType.DATE);
        assertThat(s.field(0).nullable()).isFalse();
        assertThat(s.field(1).nullable()).isFalse();
        assertThat(s.field(2).type()).isEqualTo(DataType.BIGINT);
        assertThat(s.field(2).nullable()).isTrue();
    }

    @Test
    void parsesEveryTypeAndAliases() {
        RecordSchema s = RecordSchema.parse(
                "a STRING, b INT, c BIGINT, d DOUBLE, e DECIMAL(12, 3), f BOOLEAN, g DATE, h TIMESTAMP NOT NULL,"
                        + " i integer, j long, k varchar(20), l decimal, `weird name` STRING COMMENT 'a, comment'");
        assertThat(s.fields()).extracting(f -> f.type().sql()).containsExactly("STRING", "INT", "BIGINT", "DOUBLE",
                "DECIMAL(12,3)", "BOOLEAN", "DATE", "TIMESTAMP", "INT", "BIGINT", "STRING", "DECIMAL(10,0)", "STRING");
        assertThat(s.field(4).type().precision()).isEqualTo(12);
        assertThat(s.field(4).type().scale()).isEqualTo(3);
        assertThat(s.field(7).nullable()).isFalse();
        assertThat(s.field(12).name()).isEqualTo("weird name");
    }

    @Test
    void ddlRoundTrips() {
        RecordSchema s = RecordSchema.parse("`a b` DECIMAL(5,2) NOT NULL, c DATE");
        assertThat(RecordSchema.parse(s.toDdl())).isEqualTo(s);
        assertThat(RecordSchema.parse(RecordSchema.COVID_DDL).toDdl()).isEqualTo(RecordSchema.COVID_DDL);
    }

    @Test
    void lookupIsCaseInsensitive() {
        assertThat(RecordSchema.covid().indexOf("province")).isEqualTo(1);
        assertThat(RecordSchema.covid().indexOf("nope")).isEqualTo(-1);
    }

    @Test
    void badDdlSaysWhere() {
        assertThatThrownBy(() -> RecordSchema.parse("Date DATE, Confirmed BIGNIT"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("position 22")
                .hasMessageContaining("unknown type 'BIGNIT'");
        assertThatThrownBy(() -> RecordSchema.parse("a INT b INT")).hasMessageContaining("expected ',' or end of schema");
        assertThatThrownBy(() -> RecordSchema.parse("a INT,")).hasMessageContaining("expected a field name");
        assertThatThrownBy(() -> RecordSchema.parse("a DECIMAL(40,2)")).hasMessageContaining("precision must be 1..38");
        assertThatThrownBy(() -> RecordSchema.parse("a DECIMAL(5,7)")).hasMessageContaining("scale");
        assertThatThrownBy(() -> RecordSchema.parse("a INT NOT")).hasMessageContaining("expected NULL after NOT");
        assertThatThrownBy(() -> RecordSchema.parse("a INT, A STRING")).hasMessageContaining("duplicate field name");
        assertThatThrownBy(() -> RecordSchema.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> RecordSchema.parse("`a INT")).hasMessageContaining("unterminated back-quoted name");
        assertThatThrownBy(() -> RecordSchema.parse("a")).hasMessageContaining("expected a type for field 'a'");
    }

    @Test
    void mappingPresetAndPairs() {
        RecordSchema s = RecordSchema.covid();
        FieldMapping phac = FieldMapping.parse("phac");
        assertThat(phac.fieldIndex("prname", s)).isEqualTo(1);
        assertThat(phac.fieldIndex("NUMCONF", s)).isEqualTo(2);
        assertThat(phac.fieldIndex("Deaths", s)).isEqualTo(4); // unmapped names still match by name
        assertThat(phac.fieldIndex("prnameFR", s)).isEqualTo(-1);
        assertThat(phac.toSpec()).isEqualTo("phac");
        FieldMapping pairs = FieldMapping.parse("province: Province, date_report=Date");
        assertThat(pairs.fieldIndex("date_report", s)).isEqualTo(0);
        assertThat(pairs.sourceNameOf("Date")).isEqualTo("date_report");
        assertThat(FieldMapping.parse(pairs.toSpec())).isEqualTo(pairs);
        assertThat(FieldMapping.parse(" ").isIdentity()).isTrue();
    }

    @Test
    void badMappingsAreRejected() {
        assertThatThrownBy(() -> FieldMapping.parse("a:b,c")).hasMessageContaining("bad field mapping entry 'c'");
        assertThatThrownBy(() -> FieldMapping.parse("a:b,a:c")).hasMessageContaining("names source 'a' twice");
        assertThatThrownBy(() -> ParseOptions.builder().mapping("x:Nope").build())
                .hasMessageContaining("targets a field that is not in the schema");
    }

    @Test
    void badOptionsAreRejected() {
        assertThatThrownBy(() -> FeedFormat.parse("xml")).hasMessageContaining("unknown format 'xml'");
        assertThatThrownBy(() -> ParseOptions.parseDelimiter(";;")).hasMessageContaining("one character");
        assertThat(ParseOptions.parseDelimiter("\\t")).isEqualTo('\t');
        assertThatThrownBy(() -> ParseOptions.builder().csvDelimiter('"').build()).hasMessageContaining("must differ");
        assertThatThrownBy(() -> ParseOptions.builder().fieldFormats(ParseOptions.parseFieldFormats("Province=yyyy")).build())
                .hasMessageContaining("not DATE or TIMESTAMP");
        assertThatThrownBy(() -> ParseOptions.parseFieldFormats("Date")).hasMessageContaining("expected Field=pattern");
        assertThatThrownBy(() -> ParseOptions.builder().dateFormats(java.util.List.of("dd-MM-yyyy[")).build())
                .hasMessageContaining("unclosed '['");
        assertThatThrownBy(() -> ParseOptions.FieldPolicy.parse("maybe")).hasMessageContaining("ignore or reject");
    }

    @Test
    void nullValueListsKeepTheEmptyToken() {
        assertThat(ParseOptions.parseNullValues("\"\",N/A")).containsExactly("", "N/A");
        assertThat(ParseOptions.parseNullValues(",N/A")).containsExactly("", "N/A");
        assertThat(ParseOptions.parseNullValues("N/A, null")).containsExactly("N/A", "null");
        assertThat(ParseOptions.parseNullValues(" ")).isEmpty();
    }
}
