package io.covidkafka.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covidkafka.embedded.EmbeddedKafkaBroker;
import io.covidkafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket example under the continuous trigger (append) and a processing-time trigger (update, complete). */
class SocketWordCountIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(EmbeddedKafkaBroker.builder());

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void continuousTriggerAppendsEveryLineAsItArrives() throws Exception {
        KAFKA.createTopic("lines", 1);
        List<String> lines = run("lines", List.of("--output-mode", "append", "--trigger", "continuous:500ms"),
                List.of("Ontario reports 5 new cases.", "...", "Quebec's totals"), 3).stream()
                .map(n -> n.get("Line").asText() + "=" + n.get("Words").asInt()).toList();
        assertThat(lines).containsExactlyInAnyOrder("Ontario reports 5 new cases.=5", "...=0", "Quebec's totals=2");
    }

    @Test
    void updateModeWritesOnlyChangedCountsAndCompleteModeAll() throws Exception {
        KAFKA.createTopic("updated", 1);
        List<JsonNode> updated = run("updated", List.of("--output-mode", "update", "--trigger",
                "processing-time:300ms"), List.of("a b a", "", "b c"), -1);
        assertThat(latest(updated)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 2L, "c", 1L));

        KAFKA.createTopic("completed", 1);
        List<JsonNode> completed = run("completed", List.of("--output-mode", "complete", "--trigger",
                "processing-time:300ms"), List.of("a b a", "", "b c"), -1);
        assertThat(latest(completed)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 2L, "c", 1L));
        // complete mode rewrites the untouched "a" with the second line, update mode does not
        long aInUpdate = updated.stream().filter(n -> n.get("Word").asText().equals("a")).count();
        long aInComplete = completed.stream().filter(n -> n.get("Word").asText().equals("a")).count();
        assertThat(aInComplete).isGreaterThan(aInUpdate);
    }

    /**
     * Serves {@code lines} (an empty string: wait for a batch to pass) to the example and returns what reached the
     * topic, once {@code expected} records did (or, with -1, after the last line was processed).
     */
    private static List<JsonNode> run(String topic, List<String> options, List<String> lines, int expected)
            throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> args = new ArrayList<>(List.of("--bootstrap-servers", KAFKA.bootstrapServers(),
                    "--port", String.valueOf(server.getLocalPort()), "--output-topic", topic));
            args.addAll(options);
            StreamingQuery q = Jobs.parse(new SocketWordCount(), args.toArray(String[]::new))
                    .start(TestSpark.session());
            try (Socket s = accepted.get(60, TimeUnit.SECONDS);
                 Writer w = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    if (line.isEmpty()) {
                        long batches = q.lastProgress() == null ? -1 : q.lastProgress().batchId();
                        awaitUntil(() -> q.lastProgress() != null && q.lastProgress().batchId() > batches + 1);
                    } else {
                        w.write(line + "\n");
                        w.flush();
                    }
                }
                if (expected >= 0) {
                    awaitUntil(() -> TestTopics.readAll(KAFKA.bootstrapServers(), topic).size() >= expected);
                } else {
                    long batches = q.lastProgress() == null ? -1 : q.lastProgress().batchId();
                    awaitUntil(() -> q.lastProgress() != null && q.lastProgress().batchId() > batches + 1);
                }
            } finally {
                q.stop();
            }
        }
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TestTopics.readAll(KAFKA.bootstrapServers(), topic)) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }

    private static Map<String, Long> latest(List<JsonNode> nodes) {
        Map<String, Long> out = new HashMap<>();
        nodes.forEach(n -> out.put(n.get("Word").asText(), n.get("Count").asLong()));
        return out;
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(200);
        }
    }
}
