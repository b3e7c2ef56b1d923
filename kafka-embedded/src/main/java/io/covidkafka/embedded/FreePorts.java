package io.covidkafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Asks the OS for a free TCP port on the loopback address. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a port that was free a moment ago. The socket is closed before the broker binds the port, so another
     * process can take it in between; {@link EmbeddedKafkaBroker#start()} retries with new ports when that happens.
     */
    static int loopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback address", e);
        }
    }
}
