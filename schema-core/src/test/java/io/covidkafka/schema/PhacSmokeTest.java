package io.covidkafka.schema;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PhacSmokeTest {
    @Test
    void phac() throws Exception {
        Path file = SharedData.file("covid/canada/phac_covid19_2020-06-15.csv");
        ParseOptions o = ParseOptions.builder().mapping("phac").build();
        TypedRow row = new TypedRow(o.schema());
        int ok = 0, bad = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        try (InputStream in = Files.newInputStream(file); FeedReader r = FeedReader.open(in, o)) {
            while (r.next(row)) {
                if (r.rejection() == null) ok++; else { bad++; reasons.merge(r.rejection().reason() + " " + r.rejection().field(), 1, Integer::sum); if (bad < 3) System.out.println(r.rejection().message()); }
            }
            System.out.println("ok=" + ok + " bad=" + bad + " " + reasons + " bytes=" + r.bytesRead() + " size=" + Files.size(file) + " line=" + r.endLine());
        }
        assertThat(ok + bad).isEqualTo(1497);
    }
}
