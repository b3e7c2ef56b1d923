package io.covidkafka.connect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the files of the input directory this task owns that are ready to read.
 *
 * <p>Ownership: a stable hash of the file name modulo the task count ({@code String.hashCode} is specified, so
 * every task and every restart agrees), so no file is read by two tasks and new files need no reassignment.
 * Readiness: the size and modification time were the same in two consecutive scans and the file is at least
 * {@code file.min.age.ms} old, so files still being written are left alone.
 */
final class DirectoryScanner {

    record Ready(Path path, long size, long modified, long readySince) {
    }

    private record Seen(long size, long modified, long firstStableAt) {
    }

    private final Path dir;
    private final PathMatcher matcher;
    private final long minAgeMs;
    private final int taskIndex;
    private final int taskCount;
    private Map<Path, Seen> previous = new HashMap<>();

    DirectoryScanner(Path dir, String glob, long minAgeMs, int taskIndex, int taskCount) {
        this.dir = dir.toAbsolutePath().normalize();
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        this.minAgeMs = minAgeMs;
        this.taskIndex = taskIndex;
        this.taskCount = taskCount;
    }

    static boolean owns(String fileName, int taskIndex, int taskCount) {
        return Math.floorMod(fileName.hashCode(), taskCount) == taskIndex;
    }

    /** Files of this task that are stable now, oldest first. */
    List<Ready> scan(long now) throws IOException {
        Map<Path, Seen> current = new HashMap<>();
        List<Ready> ready = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                Path name = p.getFileName();
                if (!matcher.matches(name) || !owns(name.toString(), taskIndex, taskCount)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue; // moved or deleted between listing and stat
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                long size = a.size();
                long modified = a.lastModifiedTime().toMillis();
                Seen before = previous.get(p);
                boolean stable = before != null && before.size == size && before.modified == modified;
                long stableAt = stable ? before.firstStableAt : 0;
                if (stable && stableAt == 0) {
                    stableAt = now;
                }
                current.put(p, new Seen(size, modified, stableAt));
                if (stable && now - modified >= minAgeMs) {
                    ready.add(new Ready(p, size, modified, stableAt));
                }
            }
        }
        previous = current;
        ready.sort(Comparator.comparingLong(Ready::modified).thenComparing(r -> r.path().toString()));
        return ready;
    }
}
