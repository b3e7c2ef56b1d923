package io.covidkafka.cli.demo;

import org.apache.spark.sql.SparkSession;

/** A local SparkSession bound to loopback, sized for a laptop or a 2-core CI machine. */
public final class LocalSpark {

    private LocalSpark() {
    }

    public static SparkSession create(String appName) {
        return getOrCreate(appName, "local[2]");
    }

    /**
     * The session spark-submit set up when there is one (its master wins), else a local one on {@code master},
     * bound to loopback so that nothing listens on the machine's public interfaces.
     */
    public static SparkSession getOrCreate(String appName, String master) {
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (System.getProperty("spark.master") == null) {
            b = b.master(master)
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.adaptive.enabled", "false");
        }
        return b.config("spark.sql.streaming.stateStore.stateSchemaCheck", "false").getOrCreate();
    }
}
