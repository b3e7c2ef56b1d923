package io.covidkafka.connect;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counters of one task, registered as a platform MBean while the task runs. */
final class TaskMetrics implements TaskMetricsMBean {

    private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);
    static final String DOMAIN = "io.covidkafka.connect";

    final LongAdder rowsRead = new LongAdder();
    final LongAdder rowsAccepted = new LongAdder();
    final LongAdder rowsRejected = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder filesDone = new LongAdder();
    final LongAdder filesFailed = new LongAdder();
    final LongAdder httpPolls = new LongAdder();
    final LongAdder httpRetries = new LongAdder();
    /** Feeds whose last attempt failed and are being retried: URL -> what failed. */
    final Map<String, String> httpFailures = new ConcurrentSkipListMap<>();
    /** When the oldest waiting file became ready, or 0. */
    final AtomicLong oldestReadySince = new AtomicLong();

    private final ObjectName name;

    TaskMetrics(String connector, int task) {
        ObjectName n;
        try {
            n = objectName(connector, task);
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
        this.name = n;
    }

    static ObjectName objectName(String connector, int task) throws JMException {
        return new ObjectName(DOMAIN + ":type=source-task-metrics,connector=" + ObjectName.quote(connector) + ",task=" + task);
    }

    void register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a task restarted in the same JVM before the old one unregistered
            }
            server.registerMBean(this, name);
        } catch (JMException e) {
            log.warn("Could not register task metrics {}", name, e);
        }
    }

    void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            log.debug("Task metrics {} already gone", name);
        }
    }

    @Override public long getRowsRead() { return rowsRead.sum(); }
    @Override public long getRowsAccepted() { return rowsAccepted.sum(); }
    @Override public long getRowsRejected() { return rowsRejected.sum(); }
    @Override public long getBytesRead() { return bytesRead.sum(); }
    @Override public long getFilesDone() { return filesDone.sum(); }
    @Override public long getFilesFailed() { return filesFailed.sum(); }
    @Override public long getHttpPolls() { return httpPolls.sum(); }
    @Override public long getHttpRetries() { return httpRetries.sum(); }

    @Override public int getHttpFailingFeeds() { return httpFailures.size(); }

    @Override
    public String getHttpLastError() {
        StringBuilder sb = new StringBuilder();
        httpFailures.forEach((url, why) -> sb.append(sb.length() == 0 ? "" : "; ").append(url).append(": ").append(why));
        return sb.toString();
    }

    @Override
    public long getPollLagMs() {
        long since = oldestReadySince.get();
        return since == 0 ? 0 : Math.max(0, System.currentTimeMillis() - since);
    }
}
