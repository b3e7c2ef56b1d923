package io.covidkafka.cli.demo;

import org.apache.spark.sql.SparkSession;

/** A local SparkSession bound to loopback, sized for a laptop or a 2-core CI machine. */
public final class LocalSpark {

    private LocalSpark() {
    }

    public static SparkSession create(String appName) {
        return SparkSession.builder()
                .appName(appName)
                .master("local[2]")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.streaming.stateStore.stateSchemaCheck", "false")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
    }
}
