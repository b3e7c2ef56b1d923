package io.covidkafka.examples;

import io.covidkafka.schema.FeedReader;
import io.covidkafka.schema.ParseOptions;
import io.covidkafka.schema.RecordSchema;
import io.covidkafka.schema.TypedRow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The real PHAC feed as typed rows: what the tests compute their expectations from. */
final class PhacFeed {

    static final int DATE = 0;
    static final int PROVINCE = 1;
    static final int CONFIRMED = 2;
    static final int RECOVERED = 3;
    static final int DEATHS = 4;

    private PhacFeed() {
    }

    /** Every row the schema accepts (phac mapping, its dd-MM-yyyy dates), in file order. */
    static List<TypedRow> rows() throws IOException {
        ParseOptions options = ParseOptions.builder().mapping("phac").build();
        List<TypedRow> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.file(SharedData.PHAC));
             FeedReader reader = FeedReader.open(in, options)) {
            TypedRow row = new TypedRow(RecordSchema.covid());
            while (reader.next(row)) {
                if (reader.rejection() == null) {
                    rows.add(row);
                    row = new TypedRow(RecordSchema.covid());
                }
            }
        }
        if (rows.size() < 1000) {
            throw new IllegalStateException("the PHAC feed should have over 1000 rows, read " + rows.size());
        }
        return rows;
    }
}
