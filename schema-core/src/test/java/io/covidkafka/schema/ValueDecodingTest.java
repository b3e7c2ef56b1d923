package io.covidkafka.schema;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValueDecodingTest {

    private static final String ALL_TYPES =
            "s STRING, i INT, b BIGINT, d DOUBLE, m DECIMAL(6,2), f BOOLEAN, day DATE, ts TIMESTAMP";

    private final RecordParser csv = RecordParser.create(ParseOptions.builder().schema(ALL_TYPES).csvHeader(false).build());

    @Test
    void everyTypeFromCsvText() {
        Object[] v = Feeds.parseOne(csv, "Québec,-42,9007199254740993,1.5e3,1234.565,TRUE,30-09-2020,2020-09-30T12:34:56.789+02:00");
        assertThat(v).containsExactly("Québec", -42, 9007199254740993L, 1500.0, new BigDecimal("1234.57"), true,
                LocalDate.of(2020, 9, 30), Instant.parse("2020-09-30T10:34:56.789Z"));
    }

    @Test
    void timestampVariants() {
        RecordParser p = RecordParser.create(ParseOptions.builder().schema("ts TIMESTAMP").csvHeader(false).build());
        assertThat(Feeds.parseOne(p, "2020-09-30T12:34:56")[0]).isEqualTo(Instant.parse("2020-09-30T12:34:56Z"));
        assertThat(Feeds.parseOne(p, "2020-09-30 12:34:56.123456Z")[0]).isEqualTo(Instant.parse("2020-09-30T12:34:56.123456Z"));
        assertThat(Feeds.parseOne(p, "2020-09-30T12:34-0500")[0]).isEqualTo(Instant.parse("2020-09-30T17:34:00Z"));
        assertThat(Feeds.rejectOne(p, "2020-09-30T25:00:00").reason()).isEqualTo(RejectReason.TYPE_MISMATCH);
    }

    @Test
    void nullTokensBecomeNullInNullableFields() {
        Object[] v = Feeds.parseOne(csv, "N/A,,null,N/A,,null,,");
        assertThat(v).containsOnlyNulls();
        RecordParser custom = RecordParser.create(ParseOptions.builder().schema("s STRING, b BIGINT")
                .nullValues(List.of("-", "NA")).csvHeader(false).build());
        assertThat(Feeds.parseOne(custom, "-,NA")).containsOnlyNulls();
        assertThat(Feeds.parseOne(custom, ",1")).containsExactly("", 1L); // empty is no longer a null token
    }

    @Test
    void notNullFieldRejectsNullTokens() {
        RecordParser p = RecordParser.create(ParseOptions.builder().csvHeader(false).build());
        Rejection r = Feeds.rejectOne(p, "30-09-2020,N/A,1,2,3,4");
        assertThat(r.reason()).isEqualTo(RejectReason.NULL_NOT_ALLOWED);
        assertThat(r.field()).isEqualTo("Province");
        assertThat(r.rawValue()).isEqualTo("N/A");
        assertThat(r.expectedType()).isEqualTo("STRING NOT NULL");
    }

    @Test
    void typeMismatchNamesFieldValueAndType() {
        Rejection r = Feeds.rejectOne(csv, "x,12a,1,1,1,true,2020-01-01,2020-01-01T00:00:00");
        assertThat(r.reason()).isEqualTo(RejectReason.TYPE_MISMATCH);
        assertThat(r.field()).isEqualTo("i");
        assertThat(r.rawValue()).isEqualTo("12a");
        assertThat(r.expectedType()).isEqualTo("INT");
        assertThat(r.message()).contains("field 'i'", "'12a'", "expected INT");
    }

    @Test
    void rangesAndPrecision() {
        assertThat(Feeds.rejectOne(csv, "x,2147483648,1,1,1,true,,").reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(Feeds.rejectOne(csv, "x,1,9223372036854775808,1,1,true,,").reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(Feeds.rejectOne(csv, "x,1,1,1,12345.6,true,,").reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(Feeds.parseOne(csv, "x,-2147483648,-9223372036854775807,1,-9999.99,false,,")[1]).isEqualTo(Integer.MIN_VALUE);
        assertThat(Feeds.parseOne(csv, "x,1,-9223372036854775808,1,1,true,,")[2]).isEqualTo(Long.MIN_VALUE);
        assertThat(Feeds.parseOne(csv, "x,1,9223372036854775807,1,1,true,,")[2]).isEqualTo(Long.MAX_VALUE);
        assertThat(Feeds.parseOne(csv, "x,1,-9223372036854775807,1,1,true,,")[2]).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(Feeds.rejectOne(csv, "x,1,99999999999999999999x,1,1,true,,").reason()).isEqualTo(RejectReason.TYPE_MISMATCH);
        assertThat(Feeds.rejectOne(csv, "x,1,1,abc,1,true,,").field()).isEqualTo("d");
        assertThat(Feeds.rejectOne(csv, "x,1,1,1,1,yes,,").field()).isEqualTo("f");
        assertThat(Feeds.rejectOne(csv, "x,+,1,1,1,true,,").field()).isEqualTo("i");
        assertThat(Feeds.parseOne(csv, "x, 7 ,1,1,1,true,,")[1]).isEqualTo(7); // blanks around numbers tolerated
    }

    @Test
    void multiPatternDatesAndPerFieldFormats() {
        RecordParser p = RecordParser.create(ParseOptions.builder().schema("a DATE, b DATE").csvHeader(false)
                .dateFormats(List.of("dd-MM-yyyy", "yyyy-MM-dd", "M/d/yyyy", "d MMM yyyy"))
                .fieldFormats(Map.of("b", List.of("yyyyMMdd", "dd/MM/yy")))
                .build());
        assertThat(Feeds.parseOne(p, "30-09-2020,20200930")).containsExactly(LocalDate.of(2020, 9, 30), LocalDate.of(2020, 9, 30));
        assertThat(Feeds.parseOne(p, "2020-09-30,30/09/20")[0]).isEqualTo(LocalDate.of(2020, 9, 30));
        assertThat(Feeds.parseOne(p, "9/30/2020,")[0]).isEqualTo(LocalDate.of(2020, 9, 30));
        assertThat(Feeds.parseOne(p, "30 Sep 2020,")[0]).isEqualTo(LocalDate.of(2020, 9, 30)); // fallback formatter
        Rejection r = Feeds.rejectOne(p, "31-02-2020,");
        assertThat(r.reason()).isEqualTo(RejectReason.TYPE_MISMATCH);
        assertThat(r.expectedType()).isEqualTo("DATE (dd-MM-yyyy|yyyy-MM-dd|M/d/yyyy|d MMM yyyy)");
        assertThat(Feeds.rejectOne(p, "2020-9-30x,").field()).isEqualTo("a");
        assertThat(Feeds.parseOne(p, "29-02-2020,")[0]).isEqualTo(LocalDate.of(2020, 2, 29));
        assertThat(Feeds.rejectOne(p, "29-02-2021,").reason()).isEqualTo(RejectReason.TYPE_MISMATCH);
    }

    @Test
    void epochDayMatchesJavaTimeAcrossYears() {
        for (int y = 1600; y <= 2500; y += 7) {
            for (int m = 1; m <= 12; m++) {
                LocalDate d = LocalDate.of(y, m, m == 2 ? 28 : 30);
                assertThat(TemporalPattern.epochDay(y, m, d.getDayOfMonth())).isEqualTo(d.toEpochDay());
            }
        }
    }
}
