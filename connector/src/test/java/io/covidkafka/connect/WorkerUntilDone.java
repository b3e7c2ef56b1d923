package io.covidkafka.connect;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.cli.ConnectStandalone;

/**
 * A stock standalone worker ({@code ConnectStandalone.main} with the usual arguments) that exits once its one
 * connector has read {@code files} files and every record is acknowledged, printing rows, time and the heap after
 * each garbage collection along the way. Used by {@code LargeFileMemoryIT} as the process whose memory is measured;
 * the plugin comes from {@code plugin.path} as on any worker. Deletes the worker's offsets file first, so every run
 * reads the input again.
 *
 * <p>Arguments: {@code worker.properties connector.properties expectedBytes}.
 */
public final class WorkerUntilDone {

    private WorkerUntilDone() {
    }

    public static void main(String[] args) throws Exception {
        Properties worker = load(Path.of(args[0]));
        Properties connector = load(Path.of(args[1]));
        long expectedBytes = Long.parseLong(args[2]);
        Files.deleteIfExists(Path.of(worker.getProperty("offset.storage.file.filename")));
        String name = connector.getProperty("name");

        long start = System.currentTimeMillis();
        Thread connect = new Thread(() -> ConnectStandalone.main(new String[] {args[0], args[1]}), "connect-standalone");
        connect.setDaemon(true);
        connect.start();

        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        // by name: the connector's classes are in the plugin's class loader, not on this class path
        ObjectName ours = new ObjectName("io.covidkafka.connect:type=source-task-metrics,connector=" + ObjectName.quote(name) + ",task=0");
        ObjectName framework = new ObjectName("kafka.connect:type=source-task-metrics,connector=" + name + ",task=0");
        MemoryPoolMXBean oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null && p.getName().contains("Old"))
                .findFirst().orElseThrow();
        long maxAfterGc = 0;
        int nextReport = 10;
        // also into worker-report.txt beside the worker config: a wrapper that measures this process may swallow stdout
        Path reportFile = Path.of(args[0]).toAbsolutePath().resolveSibling("worker-report.txt");
        report = new java.io.PrintStream(new java.io.FileOutputStream(reportFile.toFile(), true), true, "UTF-8");
        say(String.format(Locale.ROOT, "progress  rows-read  old-gen-after-last-GC-MB  heap-used-MB  heap-committed-MB"));
        while (true) {
            Thread.sleep(200);
            if (!mbs.isRegistered(ours) || !mbs.isRegistered(framework)) {
                if (System.currentTimeMillis() - start > 120_000) {
                    throw new IllegalStateException("connector " + name + " did not start");
                }
                continue;
            }
            long afterGc = oldGen.getCollectionUsage().getUsed();
            maxAfterGc = Math.max(maxAfterGc, afterGc);
            long bytes = (Long) mbs.getAttribute(ours, "BytesRead");
            int percent = (int) (bytes * 100 / Math.max(1, expectedBytes));
            if (percent >= nextReport) {
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                say(String.format(Locale.ROOT, "%7d%%  %9d  %24.1f  %12.1f  %17.1f", percent, (Long) mbs.getAttribute(ours, "RowsRead"),
                        afterGc / 1e6, heap.getUsed() / 1e6, heap.getCommitted() / 1e6));
                nextReport = percent / 10 * 10 + 10;
            }
            long done = (Long) mbs.getAttribute(ours, "FilesDone");
            double active = ((Number) mbs.getAttribute(framework, "source-record-active-count")).doubleValue();
            if (done >= 1 && active == 0) {
                break;
            }
        }
        long ms = System.currentTimeMillis() - start;
        long rows = (Long) mbs.getAttribute(ours, "RowsAccepted");
        say(String.format(Locale.ROOT, "DONE rows=%d bytes=%d seconds=%.1f rows/s=%.0f max-old-gen-after-GC-MB=%.1f max-heap-MB=%.1f",
                rows, (Long) mbs.getAttribute(ours, "BytesRead"), ms / 1e3, rows * 1e3 / ms, maxAfterGc / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6));
        System.out.flush();
        report.close();
        System.exit(0); // Connect's shutdown hook stops the worker
    }

    private static java.io.PrintStream report;

    private static void say(String line) {
        System.out.println(line);
        report.println(line);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
