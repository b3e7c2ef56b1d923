package io.covidkafka.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * The Connect framework's own ceiling in the connector benchmark: one task that hands the worker the CSV lines it
 * already holds in memory (read before the clock starts) as bytes, 2,000 per poll, with a one-entry offset and no
 * headers. It parses nothing and converts nothing ({@code ByteArrayConverter}), so what it reaches is what a
 * Connect source task costs per record (transforms, conversion calls, offset tracking, the worker's producer).
 */
public final class MemoryLinesConnector extends SourceConnector {

    static final String TOPIC = "topic";

    /** The lines every task of this JVM sends; set by the benchmark before it creates the connector. */
    static volatile List<byte[]> lines = List.of();

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return LinesTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic to write to.");
    }

    @Override
    public String version() {
        return "bench";
    }

    /** Sends {@link #lines} once, from the stored offset on. */
    public static final class LinesTask extends SourceTask {

        private static final Map<String, Object> PARTITION = Map.of("source", "memory");
        private String topic;
        private int next;

        @Override
        public void start(Map<String, String> props) {
            topic = props.get(TOPIC);
            next = 0;
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            List<byte[]> all = lines;
            if (next >= all.size()) {
                Thread.sleep(100);
                return null;
            }
            int end = Math.min(all.size(), next + 2_000);
            List<SourceRecord> batch = new ArrayList<>(end - next);
            for (; next < end; next++) {
                batch.add(new SourceRecord(PARTITION, Map.of("line", (long) next), topic, null, null, null,
                        Schema.BYTES_SCHEMA, all.get(next)));
            }
            return batch;
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "bench";
        }
    }
}
