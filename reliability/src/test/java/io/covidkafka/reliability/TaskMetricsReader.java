package io.covidkafka.reliability;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/** Reads the connector's per-task JMX metrics (in-process workers only). */
final class TaskMetricsReader {

    private TaskMetricsReader() {
    }

    /** The metric, or {@code absent} while the task's MBean is not registered (not started yet, or stopped). */
    static long getOr(String connector, int task, String attribute, long absent) {
        try {
            return get(connector, task, attribute);
        } catch (AssertionError e) {
            if (e.getCause() instanceof javax.management.InstanceNotFoundException) {
                return absent;
            }
            throw e;
        }
    }

    static long get(String connector, int task, String attribute) {
        try {
            ObjectName name = new ObjectName("io.covidkafka.connect:type=source-task-metrics,connector="
                    + ObjectName.quote(connector) + ",task=" + task);
            return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + attribute + " of " + connector + " task " + task, e);
        }
    }
}
