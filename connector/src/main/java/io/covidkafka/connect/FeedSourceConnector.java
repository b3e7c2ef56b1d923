package io.covidkafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Kafka Connect source of CSV/JSON feeds (files in a directory, HTTP URLs) with an enforced typed schema.
 *
 * <p>Files are split across tasks by a stable hash of their name (each task scans the directory and keeps its own
 * share, so new files need no rebalance); URLs are dealt out round-robin so each is polled by exactly one task.
 */
public class FeedSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private FeedSourceConfig config;

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new FeedSourceConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FeedSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> urls = config.inputUrls;
        // Without a directory, tasks beyond the number of URLs would have nothing to do.
        int n = config.inputPath == null ? Math.max(1, Math.min(maxTasks, urls.size())) : maxTasks;
        List<Map<String, String>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, String> t = new HashMap<>(props);
            t.put(FeedSourceTask.TASK_INDEX, Integer.toString(i));
            t.put(FeedSourceTask.TASK_COUNT, Integer.toString(n));
            List<String> mine = new ArrayList<>();
            for (int j = i; j < urls.size(); j += n) {
                mine.add(urls.get(j));
            }
            t.put(FeedSourceTask.TASK_URLS, String.join(",", mine));
            out.add(t);
        }
        return out;
    }

    @Override
    public void stop() {
        // Nothing to release: tasks own all resources.
    }

    @Override
    public ConfigDef config() {
        return FeedSourceConfig.CONFIG_DEF;
    }

    /** Single-value checks from the ConfigDef plus the cross-field rules, each error on the setting at fault. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return FeedSourceConfigChecks.validateAll(connectorConfigs);
    }

    /** Offsets are byte positions (files) or feed state (URLs), re-readable deterministically: exactly-once works. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Tasks commit per file (or HTTP poll) or per batch when {@code transaction.boundary=connector}. */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    /**
     * Accepts offsets this connector wrote (or a null offset, which resets the partition so it is read again from
     * the start); rejects anything else naming the bad partition or entry.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> e : offsets.entrySet()) {
            Map<String, ?> partition = e.getKey();
            if (partition == null || partition.size() != 1
                    || !(partition.get(FileOffsets.FILE) instanceof String || partition.get(FileOffsets.URL) instanceof String)) {
                throw new ConnectException("Bad source partition " + partition + ": expected {\"" + FileOffsets.FILE
                        + "\": \"/absolute/path\"} or {\"" + FileOffsets.URL + "\": \"http(s)://...\"}");
            }
            Map<String, ?> offset = e.getValue();
            if (offset == null) {
                continue;
            }
            try {
                if (partition.containsKey(FileOffsets.FILE)) {
                    FileOffsets.parse(offset);
                } else {
                    HttpPoller.validateOffset(offset);
                }
            } catch (IllegalArgumentException bad) {
                throw new ConnectException("Bad offset " + offset + " for partition " + partition + ": " + bad.getMessage());
            }
        }
        return true;
    }
}
