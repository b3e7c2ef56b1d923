package io.covidkafka.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The examples by the name {@code examples/run NAME} knows them by. */
final class ExampleCatalog {

    private static final Map<String, Supplier<Object>> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("covid-transform", CovidTopicTransform::new);
        EXAMPLES.put("running-average", RunningAverage::new);
        EXAMPLES.put("word-count", WordCount::new);
        EXAMPLES.put("csv-producer", CsvProducer::new);
        EXAMPLES.put("streaming-consumer", StreamingConsumer::new);
        EXAMPLES.put("socket-word-count", SocketWordCount::new);
        EXAMPLES.put("province-windows", ProvinceWindows::new);
    }

    private ExampleCatalog() {
    }

    static Supplier<Object> find(String name) {
        return EXAMPLES.get(name);
    }

    static java.util.Set<String> names() {
        return EXAMPLES.keySet();
    }

    static String usage() {
        return "examples: " + String.join(", ", EXAMPLES.keySet());
    }
}
