package io.covidkafka.schema;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The real public files in ../shared/data/covid, as published: every row accepted or rejected with a reason. */
class SharedDataTest {

    private static final String PHAC = "covid/canada/phac_covid19_2020-06-15.csv";
    private static final String CASES = "covid/canada/ccodwg_cases_timeseries_prov.csv";
    private static final String ACTIVE = "covid/canada/ccodwg_active_timeseries_prov.csv";

    record Tally(long accepted, long rejected, Map<String, Integer> reasons, Object[] firstRow, long bytes) {
    }

    static Tally tally(String file, ParseOptions options) throws Exception {
        Path path = SharedData.file(file);
        long accepted = 0;
        long rejected = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        Object[] first = null;
        TypedRow row = new TypedRow(options.schema());
        try (InputStream in = Files.newInputStream(path); FeedReader r = FeedReader.open(in, options)) {
            while (r.next(row)) {
                Rejection rej = r.rejection();
                if (rej == null) {
                    accepted++;
                    if (first == null) {
                        first = row.values();
                    }
                } else {
                    rejected++;
                    assertThat(rej.message()).isNotBlank();
                    assertThat(rej.line()).isPositive();
                    reasons.merge(rej.reason() + ":" + rej.field(), 1, Integer::sum);
                }
            }
            assertThat(r.bytesRead()).isEqualTo(Files.size(path));
            return new Tally(accepted, rejected, reasons, first, r.bytesRead());
        }
    }

    @Test
    void phacFeedWithThePreset() throws Exception {
        Tally t = tally(PHAC, ParseOptions.builder().mapping("phac").build());
        assertThat(t.accepted()).isEqualTo(1497);
        assertThat(t.rejected()).isZero();
        assertThat(t.firstRow()).containsExactly(LocalDate.of(2020, 1, 31), "Ontario", 3L, null, 0L, 3L);
    }

    @Test
    void phacFeedWithRecoveredRequiredRejectsTheRowsWithoutIt() throws Exception {
        ParseOptions strict = ParseOptions.builder().mapping("phac")
                .schema("Date DATE NOT NULL, Province STRING NOT NULL, Confirmed BIGINT NOT NULL, Recovered BIGINT NOT NULL")
                .build();
        Tally t = tally(PHAC, strict);
        assertThat(t.accepted() + t.rejected()).isEqualTo(1497);
        // 524 rows publish an empty numrecover (counted independently with awk on the raw file)
        assertThat(t.accepted()).isEqualTo(973);
        assertThat(t.reasons()).isEqualTo(Map.of("NULL_NOT_ALLOWED:Recovered", 524));
    }

    @Test
    void ccodwgFilesUnderThePhacPresetLackTheDateColumn() throws Exception {
        for (String file : new String[] {CASES, ACTIVE}) {
            Tally t = tally(file, ParseOptions.builder().mapping("phac").build());
            assertThat(t.accepted()).isZero();
            assertThat(t.reasons()).isEqualTo(Map.of("MISSING_FIELD:Date", 11620));
        }
    }

    @Test
    void ccodwgFilesWithTheirOwnMapping() throws Exception {
        Tally cases = tally(CASES, ParseOptions.builder()
                .mapping("province:Province,date_report:Date,cases:NumberToday,cumulative_cases:Confirmed").build());
        Tally active = tally(ACTIVE, ParseOptions.builder().mapping("province:Province,date_active:Date,"
                + "cumulative_cases:Confirmed,cumulative_recovered:Recovered,cumulative_deaths:Deaths,active_cases_change:NumberToday").build());
        assertThat(cases.accepted()).isEqualTo(11620);
        assertThat(cases.rejected()).isZero();
        assertThat(cases.firstRow()).containsExactly(LocalDate.of(2020, 1, 25), "Alberta", 0L, null, null, 0L);
        assertThat(active.accepted()).isEqualTo(11620);
        assertThat(active.rejected()).isZero();
    }
}
