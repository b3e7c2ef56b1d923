package io.covidkafka.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What each scenario of the suite did and saw, written as one small JSON file per scenario under
 * {@code reliability/target/reliability-results} once its assertions passed. {@link ReliabilityReport} renders
 * them into the table of {@code docs/reliability.md}.
 */
final class Results {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Results() {
    }

    static Path dir() {
        return Paths.get(System.getProperty("covidkafka.results.dir", "target/reliability-results"));
    }

    static Scenario scenario(String area, String name) {
        return new Scenario(area, name);
    }

    /** One row of the report; every figure is optional (-1 = not applicable). */
    static final class Scenario {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final long startedNanos = System.nanoTime();

        private Scenario(String area, String name) {
            fields.put("area", area);
            fields.put("scenario", name);
            fields.put("faults", -1L);
            fields.put("inputs", -1L);
            fields.put("rowsExpected", -1L);
            fields.put("rowsLost", -1L);
            fields.put("duplicates", -1L);
            fields.put("accepted", -1L);
            fields.put("rejected", -1L);
            fields.put("checks", "");
        }

        /** Faults injected (kills, restarts, deletions...). */
        Scenario faults(long n) {
            fields.put("faults", n);
            return this;
        }

        /** Inputs tried (records, mutated values, requests). */
        Scenario inputs(long n) {
            fields.put("inputs", n);
            return this;
        }

        Scenario rowsExpected(long n) {
            fields.put("rowsExpected", n);
            return this;
        }

        Scenario rowsLost(long n) {
            fields.put("rowsLost", n);
            return this;
        }

        Scenario duplicates(long n) {
            fields.put("duplicates", n);
            return this;
        }

        Scenario accepted(long n) {
            fields.put("accepted", n);
            return this;
        }

        Scenario rejected(long n) {
            fields.put("rejected", n);
            return this;
        }

        /** What was checked, in a few words, for the table. */
        Scenario checks(String text) {
            fields.put("checks", text);
            return this;
        }

        Scenario figure(String name, Object value) {
            fields.put(name, value);
            return this;
        }

        /** Writes the scenario (call after its assertions passed). */
        void save() {
            fields.put("seconds", Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0);
            fields.put("soak", Soak.enabled());
            String file = (fields.get("area") + "--" + fields.get("scenario")).toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "-") + ".json";
            try {
                Files.createDirectories(dir());
                JSON.writeValue(dir().resolve(file).toFile(), fields);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
