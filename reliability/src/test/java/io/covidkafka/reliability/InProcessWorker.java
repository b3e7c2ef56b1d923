package io.covidkafka.reliability;

import java.net.URI;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/** A distributed Connect worker inside the test JVM (its metrics MBeans are then visible to the test). */
final class InProcessWorker implements AutoCloseable {

    private final Connect<?> connect;
    private final ConnectRest rest;

    private InProcessWorker(Connect<?> connect) {
        this.connect = connect;
        URI url = connect.rest().serverUrl();
        this.rest = new ConnectRest(url);
    }

    static InProcessWorker start(Map<String, String> props) {
        InProcessWorker w = new InProcessWorker(new ConnectDistributed().startConnect(props));
        w.rest.awaitUp(java.time.Duration.ofSeconds(60));
        return w;
    }

    ConnectRest rest() {
        return rest;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
