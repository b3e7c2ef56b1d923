package io.covidkafka.schema;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our CSV framing and tokenizing work on bytes (for exact offsets and no per-field Strings); Jackson's CSV
 * parser is the independent reference. On randomly generated RFC 4180 documents, with quotes, delimiters,
 * CRLF and LF inside fields and non-ASCII text, both must produce exactly the same records and fields.
 */
class CsvOracleTest {

    private static final String[] PIECES = {"a", "Québec", "日本", "🦭", " ", ",", "\"", "\n", "\r\n", "x y", "12", "", "N/A"};
    private static final int COLUMNS = 4;

    @Test
    void agreesWithJacksonCsvOnGeneratedDocuments() throws Exception {
        Random random = new Random(20201030);
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        ParseOptions options = ParseOptions.builder().schema("c0 STRING, c1 STRING, c2 STRING, c3 STRING")
                .csvHeader(false).nullValues(List.of()).build();
        int documents = 300;
        int records = 0;
        for (int d = 0; d < documents; d++) {
            List<String[]> expected = new ArrayList<>();
            StringBuilder doc = new StringBuilder();
            int rows = 1 + random.nextInt(20);
            for (int r = 0; r < rows; r++) {
                String[] fields = new String[COLUMNS];
                for (int c = 0; c < COLUMNS; c++) {
                    StringBuilder f = new StringBuilder();
                    int parts = random.nextInt(4);
                    for (int k = 0; k < parts; k++) {
                        f.append(PIECES[random.nextInt(PIECES.length)]);
                    }
                    fields[c] = f.toString();
                    if (c > 0) {
                        doc.append(',');
                    }
                    doc.append(quoteIfNeeded(fields[c]));
                }
                expected.add(fields);
                doc.append(random.nextBoolean() ? "\r\n" : "\n");
            }
            byte[] bytes = doc.toString().getBytes(StandardCharsets.UTF_8);

            List<String[]> oracle = new ArrayList<>();
            try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(bytes)) {
                while (it.hasNext()) {
                    oracle.add(it.next());
                }
            }
            List<String[]> ours = new ArrayList<>();
            for (Feeds.Outcome o : Feeds.read(bytes, options, 0, 1)) {
                assertThat(o.rejection()).as("document %d", d).isNull();
                ours.add(java.util.Arrays.copyOf(o.values(), COLUMNS, String[].class));
            }
            assertThat(ours).as("document %d:%n%s", d, doc).usingRecursiveFieldByFieldElementComparator().isEqualTo(oracle);
            assertThat(ours).as("document %d", d).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
            records += ours.size();
        }
        assertThat(records).isGreaterThan(documents);
    }

    private static String quoteIfNeeded(String s) {
        boolean needs = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                || s.startsWith(" ") || s.endsWith(" ");
        return needs ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
