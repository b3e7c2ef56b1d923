package io.covidkafka.cli.demo;

import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stock Kafka Connect standalone worker running in this JVM, the same runtime users run with
 * {@code connect-standalone.sh}. Plugins are found through their service-loader manifests on the classpath
 * ({@code plugin.discovery=service_load}), the REST API listens on a free loopback port.
 */
final class InProcessConnectWorker implements AutoCloseable {

    private final Connect<StandaloneHerder> connect;

    private InProcessConnectWorker(Connect<StandaloneHerder> connect) {
        this.connect = connect;
    }

    static InProcessConnectWorker start(String bootstrapServers, Path offsetsFile) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("listeners", "http://127.0.0.1:0");
        props.put("plugin.discovery", "service_load");
        props.put("offset.storage.file.filename", offsetsFile.toString());
        props.put("offset.flush.interval.ms", "1000");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter.schemas.enable", "false");
        // Starting a worker makes Connect's plugin class loader this thread's context loader, and it resolves plugin
        // aliases: asked for "Double" it answers DoubleConverter. Spark's code generator (Janino) asks the context
        // loader for exactly such short names, so queries started later on this thread would fail to compile.
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try {
            return new InProcessConnectWorker(new ConnectStandalone().startConnect(props));
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    /** Creates or replaces a connector and waits until the worker has accepted it. */
    void putConnector(String name, Map<String, String> config) throws Exception {
        Map<String, String> withName = new HashMap<>(config);
        withName.put("name", name);
        FutureCallback<Herder.Created<ConnectorInfo>> done = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, withName, true, done);
        done.get(30, TimeUnit.SECONDS);
    }

    ConnectorStateInfo status(String name) {
        return connect.herder().connectorStatus(name);
    }

    String restUrl() {
        return connect.rest().serverUrl().toString();
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
