package io.covidkafka.connect;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a task knows about one of its files: the last offset it emitted (to resume when the file grows), the
 * size and time it was finished at, and how many of its records are not yet committed (so cleanup waits for them).
 */
final class FileState {

    final Path path;
    final AtomicLong outstanding = new AtomicLong();
    volatile boolean finished;
    volatile Map<String, ?> lastOffset;
    long finishedSize = -1;
    long finishedModified = -1;

    FileState(Path path, Map<String, ?> storedOffset) {
        this.path = path;
        this.lastOffset = storedOffset;
    }

    boolean unchangedSinceFinished(long size, long modified) {
        return finished && size == finishedSize && modified == finishedModified;
    }

    /**
     * Size and modification time when opening or reading the file last failed, or its content was found unreadable
     * (a malformed header) (-1: it did not), so it is retried only once changed.
     */
    long failedSize = -1;
    long failedModified = -1;

    boolean unchangedSinceFailed(long size, long modified) {
        return failedSize >= 0 && size == failedSize && modified == failedModified;
    }
}
