package io.covidkafka.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import io.covidkafka.schema.TypedRow;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Windows of the real PHAC feed joined with population, checked against the same windows computed here: tumbling in
 * append mode (only the windows the watermark closed), sliding in update mode (every window the batch touched).
 */
class ProvinceWindowsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WATERMARK_DAYS = 14;

    static List<TypedRow> rows;
    static Map<String, Long> population;

    @BeforeAll
    static void sendFeed() throws Exception {
        KAFKA.createTopic("covid", 2);
        CsvProducer producer = Jobs.parse(new CsvProducer(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--file", SharedData.file(SharedData.PHAC).toString());
        producer.out = new PrintStream(PrintStream.nullOutputStream());
        assertThat(producer.call()).isZero();
        rows = PhacFeed.rows();
        population = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ProvinceWindows.class.getResourceAsStream("province-population.csv"), StandardCharsets.UTF_8))) {
            r.lines().skip(1).map(l -> l.split(",")).forEach(p -> population.put(p[0], Long.parseLong(p[1])));
        }
    }

    @Test
    void tumblingWindowsInAppendModeAreTheOnesTheWatermarkClosed(@TempDir Path dir) throws Exception {
        KAFKA.createTopic("weekly", 1);
        Jobs.runToEnd(Jobs.parse(new ProvinceWindows(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--output-topic", "weekly", "--window", "tumbling", "--output-mode", "append",
                "--trigger", "available-now", "--checkpoint", dir.resolve("cp").toString()));
        Map<String, String> expected = expectedWindows(7, true);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(written("weekly")).isEqualTo(expected);
    }

    @Test
    void slidingWindowsInUpdateModeIncludeTheOpenOnes(@TempDir Path dir) throws Exception {
        KAFKA.createTopic("daily7", 1);
        Jobs.runToEnd(Jobs.parse(new ProvinceWindows(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--output-topic", "daily7", "--window", "sliding", "--output-mode", "update",
                "--trigger", "available-now", "--checkpoint", dir.resolve("cp").toString()));
        assertThat(written("daily7")).isEqualTo(expectedWindows(1, false));
    }

    /** "Province start" -> "end days avg per100k" of every window, as Spark should compute it. */
    private static Map<String, String> expectedWindows(int slideDays, boolean onlyClosed) {
        long maxDay = rows.stream().mapToLong(r -> ((LocalDate) r.get(PhacFeed.DATE)).toEpochDay()).max().orElseThrow();
        long watermark = maxDay - WATERMARK_DAYS;
        Map<String, long[]> acc = new TreeMap<>(); // days, non-null count, sum
        for (TypedRow r : rows) {
            String province = (String) r.get(PhacFeed.PROVINCE);
            if (!population.containsKey(province)) {
                continue; // the inner stream-static join drops it
            }
            long day = ((LocalDate) r.get(PhacFeed.DATE)).toEpochDay();
            Long today = (Long) r.get(5);
            // windows are aligned to the epoch: starts at multiples of the slide, 7 days long
            for (long start = Math.floorDiv(day, slideDays) * slideDays; start > day - 7; start -= slideDays) {
                if (onlyClosed && start + 7 > watermark) {
                    continue;
                }
                long[] a = acc.computeIfAbsent(province + " " + LocalDate.ofEpochDay(start), k -> new long[3]);
                a[0]++;
                if (today != null) {
                    a[1]++;
                    a[2] += today;
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        acc.forEach((k, a) -> {
            String province = k.substring(0, k.lastIndexOf(' '));
            LocalDate start = LocalDate.parse(k.substring(k.lastIndexOf(' ') + 1));
            String avg = a[1] == 0 ? "null" : String.format("%.4f", (double) a[2] / a[1]);
            String per100k = a[1] == 0 ? "null" : String.format("%.4f", a[2] * 100_000.0 / population.get(province));
            out.put(k, start.plusDays(7) + " " + a[0] + " " + avg + " " + per100k);
        });
        return out;
    }

    /** The newest value written per (Province, WindowStart), in the same form. */
    private static Map<String, String> written(String topic) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> rec : TestTopics.readAll(KAFKA.bootstrapServers(), topic)) {
            JsonNode n = JSON.readTree(rec.value());
            out.put(n.get("Province").asText() + " " + n.get("WindowStart").asText(),
                    n.get("WindowEnd").asText() + " " + n.get("Days").asLong() + " " + fmt(n.get("AvgNewCases")) + " "
                            + fmt(n.get("NewCasesPer100k")));
        }
        return out;
    }

    private static String fmt(JsonNode n) {
        return n.isNull() ? "null" : String.format("%.4f", n.asDouble());
    }
}
