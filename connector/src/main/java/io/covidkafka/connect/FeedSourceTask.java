package io.covidkafka.connect;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this task's share of the input: the files whose name hashes to it and the URLs the connector assigned.
 * One source (file or HTTP body) at a time, at most {@code batch.size} records per poll, one record read ahead
 * so the last record of a source is known while its batch is still open (it closes the per-file transaction).
 */
public class FeedSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(FeedSourceTask.class);

    static final String TASK_INDEX = "task.index";
    static final String TASK_COUNT = "task.count";
    static final String TASK_URLS = "task.urls";

    private FeedSourceConfig config;
    private RecordFactory factory;
    private TaskMetrics metrics;
    private DirectoryScanner scanner;
    private TransactionContext tx;
    private final List<HttpPoller> pollers = new ArrayList<>();
    private final Map<String, FileState> files = new ConcurrentHashMap<>();
    private final Deque<DirectoryScanner.Ready> queue = new ArrayDeque<>();
    private long nextScanAt;
    private Feed current;
    private FileState currentFile;
    private SourceRecord carry;
    private boolean stopping;

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public synchronized void start(Map<String, String> props) {
        config = new FeedSourceConfig(props);
        int index = Integer.parseInt(props.getOrDefault(TASK_INDEX, "0"));
        int count = Integer.parseInt(props.getOrDefault(TASK_COUNT, "1"));
        metrics = new TaskMetrics(props.getOrDefault("name", "feed-source"), index);
        metrics.register();
        factory = new RecordFactory(config, metrics);
        if (config.inputPath != null) {
            scanner = new DirectoryScanner(config.inputPath, config.inputPattern, config.fileMinAgeMs, index, count);
        }
        tx = context.transactionContext();
        String urls = props.getOrDefault(TASK_URLS, "");
        if (!urls.isBlank()) {
            HttpClient client = HttpPoller.client(config);
            for (String url : urls.split(",")) {
                Map<String, Object> stored = context.offsetStorageReader().offset(Map.of(FileOffsets.URL, url));
                pollers.add(new HttpPoller(url, config, client, metrics, stored));
            }
        }
        log.info("Task {}/{} started: directory {}, {} feed URL(s), transactions {}", index, count, config.inputPath,
                pollers.size(), tx == null ? "by the worker" : "per " + config.transactionPer);
    }

    @Override
    public synchronized List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        cleanUpFinishedFiles();
        if (current == null) {
            current = nextFeed();
            if (current == null) {
                idle();
                return null;
            }
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(config.batchSize, 4096));
        boolean ended = false;
        try {
            while (batch.size() < config.batchSize) {
                SourceRecord r = carry != null ? carry : current.next();
                carry = null;
                if (r == null) {
                    ended = true;
                    break;
                }
                batch.add(r);
            }
            if (!ended) {
                carry = current.next();
                ended = carry == null;
            }
        } catch (IOException e) {
            Feed failed = current;
            dropCurrent();
            if (failed instanceof HttpBodyFeed body) {
                // The feed state did not advance, so the next fetch emits these changes again: under per-file
                // transactions abort the open one, so nothing of the broken body is committed twice.
                body.retryLater("reading the body failed: " + e);
                if (tx != null && config.transactionPer == FeedSourceConfig.TransactionPer.FILE) {
                    tx.abortTransaction();
                    return null;
                }
                return batch.isEmpty() ? null : account(batch);
            }
            log.error("Reading {} failed; leaving it until it changes", failed.origin(), e);
            metrics.filesFailed.increment();
            if (failed instanceof FileFeed file) {
                markFailed(files.get(file.path().toString()));
            }
            return batch.isEmpty() ? null : account(batch);
        } catch (RuntimeException e) {
            dropCurrent();
            throw e instanceof ConnectException ? e : new ConnectException("Reading " + currentOriginOr(e), e);
        }
        if (ended) {
            endCurrent(batch);
        }
        if (tx != null && !batch.isEmpty() && config.transactionPer == FeedSourceConfig.TransactionPer.BATCH) {
            tx.commitTransaction(batch.get(batch.size() - 1));
        }
        return batch.isEmpty() ? null : account(batch);
    }

    private String currentOriginOr(Exception e) {
        return current != null ? current.origin() : e.getMessage();
    }

    private List<SourceRecord> account(List<SourceRecord> batch) {
        if (currentFile != null || batch.get(0).sourcePartition().containsKey(FileOffsets.FILE)) {
            FileState f = files.get((String) batch.get(0).sourcePartition().get(FileOffsets.FILE));
            if (f != null) {
                f.outstanding.addAndGet(batch.size());
                f.lastOffset = batch.get(batch.size() - 1).sourceOffset();
            }
        }
        return batch;
    }

    private void endCurrent(List<SourceRecord> batch) {
        SourceRecord last = batch.isEmpty() ? null : batch.get(batch.size() - 1);
        SourceRecord replaced = current.finish(last);
        if (last != null) {
            batch.set(batch.size() - 1, replaced);
            if (tx != null && config.transactionPer == FeedSourceConfig.TransactionPer.FILE) {
                tx.commitTransaction(replaced);
            }
        }
        if (currentFile != null) {
            markFinished(currentFile);
            metrics.filesDone.increment();
            log.info("Finished reading {}", current.origin());
        }
        closeCurrent();
    }

    private void markFinished(FileState f) {
        try {
            f.finishedSize = Files.size(f.path);
            f.finishedModified = Files.getLastModifiedTime(f.path).toMillis();
        } catch (IOException e) {
            f.finishedSize = -1;
        }
        f.finished = true;
    }

    /** Remembers the file's size and time so a broken file is not retried (and counted) at every scan. */
    private static void markFailed(FileState f) {
        if (f == null) {
            return;
        }
        try {
            f.failedSize = Files.size(f.path);
            f.failedModified = Files.getLastModifiedTime(f.path).toMillis();
        } catch (IOException gone) {
            f.failedSize = -1;
        }
    }

    private void dropCurrent() {
        carry = null;
        closeCurrent();
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                log.debug("Closing {} failed", current.origin(), e);
            }
        }
        current = null;
        currentFile = null;
    }

    /** The next source with something to read: a due HTTP feed that changed, else the next ready file. */
    private Feed nextFeed() {
        long now = System.currentTimeMillis();
        for (HttpPoller p : pollers) {
            if (p.due(now)) {
                Feed f = p.poll(factory, now);
                if (f != null) {
                    return f;
                }
            }
        }
        if (scanner == null) {
            return null;
        }
        if (queue.isEmpty() && now >= nextScanAt) {
            scan(now);
        }
        while (!queue.isEmpty()) {
            DirectoryScanner.Ready ready = queue.poll();
            // poll lag: how long the oldest file still waiting (not the one being opened) has been ready
            metrics.oldestReadySince.set(queue.stream().mapToLong(DirectoryScanner.Ready::readySince).min().orElse(0));
            Feed f = openFile(ready);
            if (f != null) {
                return f;
            }
        }
        metrics.oldestReadySince.set(0);
        return null;
    }

    private void scan(long now) {
        nextScanAt = now + config.pollIntervalMs;
        long oldest = 0;
        try {
            for (DirectoryScanner.Ready r : scanner.scan(now)) {
                FileState s = files.get(r.path().toString());
                if (s != null && (s.unchangedSinceFinished(r.size(), r.modified()) || s.finished && s.outstanding.get() > 0
                        || s.unchangedSinceFailed(r.size(), r.modified()))) {
                    continue;
                }
                queue.add(r);
                oldest = oldest == 0 ? r.readySince() : Math.min(oldest, r.readySince());
            }
        } catch (IOException e) {
            log.warn("Scanning {} failed: {}", config.inputPath, e.toString());
        }
        metrics.oldestReadySince.set(oldest);
    }

    private Feed openFile(DirectoryScanner.Ready ready) {
        String key = ready.path().toString();
        try {
            FileState state = files.get(key);
            if (state == null) {
                state = new FileState(ready.path(), context.offsetStorageReader().offset(FileOffsets.partition(key)));
                files.put(key, state);
            }
            FileOffsets.Stored from = FileFeed.resumePoint(ready.path(), state.lastOffset);
            if (FileFeed.plain(ready.path()) && from.position() >= ready.size() && from.position() > 0) {
                markFinished(state); // read to its end before (e.g. before a restart): nothing new
                return null;
            }
            state.finished = false;
            FileFeed feed = FileFeed.open(ready.path(), factory, from);
            currentFile = state;
            return feed;
        } catch (IOException e) {
            log.error("Opening {} failed; skipping it until it changes", key, e);
            metrics.filesFailed.increment();
            markFailed(files.get(key));
            return null;
        } catch (io.covidkafka.schema.SchemaException e) {
            // a CSV header that cannot be split: the whole file, not a row, is bad; other files must still flow
            if (config.rowErrorsPolicy == FeedSourceConfig.RowErrorsPolicy.FAIL) {
                throw new ConnectException("Cannot read " + key + ": " + e.getMessage()
                        + ". Fix or remove the file, or set row.errors.policy=skip or dlq to leave it aside.", e);
            }
            log.error("Cannot read {}: {}; leaving it in place and skipping it until it changes", key, e.getMessage());
            metrics.filesFailed.increment();
            FileState state = files.get(key);
            state.failedSize = ready.size();
            state.failedModified = ready.modified();
            return null;
        }
    }

    /** Deletes or moves files whose records are all committed (acknowledged, or in a committed transaction). */
    private void cleanUpFinishedFiles() {
        if (config.cleanupPolicy == FeedSourceConfig.CleanupPolicy.NONE) {
            return;
        }
        for (FileState f : files.values()) {
            if (f.finished && f.outstanding.get() <= 0 && (current == null || currentFile != f)) {
                try {
                    if (config.cleanupPolicy == FeedSourceConfig.CleanupPolicy.DELETE) {
                        Files.deleteIfExists(f.path);
                    } else {
                        Files.move(f.path, config.finishedPath.resolve(f.path.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                    log.info("{} {} after all its records were committed", config.cleanupPolicy == FeedSourceConfig.CleanupPolicy.DELETE
                            ? "Deleted" : "Moved", f.path);
                } catch (IOException e) {
                    log.warn("Cleanup of {} failed: {}", f.path, e.toString());
                }
                files.remove(f.path.toString());
            }
        }
    }

    private void idle() throws InterruptedException {
        long now = System.currentTimeMillis();
        long until = scanner != null ? nextScanAt : now + config.pollIntervalMs;
        for (HttpPoller p : pollers) {
            until = Math.min(until, p.nextPollAt());
        }
        long waitMs = Math.max(10, Math.min(until - now, 1_000));
        wait(waitMs); // releases the monitor so stop() can get in
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Object file = record.sourcePartition().get(FileOffsets.FILE);
        if (file != null) {
            FileState f = files.get((String) file);
            if (f != null) {
                f.outstanding.decrementAndGet();
            }
        }
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        notifyAll();
        closeCurrent();
        if (metrics != null) {
            metrics.unregister();
        }
    }
}
