package io.covidkafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats a KRaft log directory, as {@code kafka-storage.sh format} does, so a combined node can start on it. */
final class KraftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {
    }

    /** True once {@link #format} has written the directory's {@code meta.properties}. */
    static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve("meta.properties"));
    }

    /**
     * Formats {@code logDir} as both the data and the metadata log directory of node {@code nodeId}, with a fresh
     * cluster id and the latest production metadata version. A static quorum ({@code controller.quorum.voters}) needs
     * no voter set written here.
     */
    static void format(Path logDir, int nodeId, String controllerListenerName) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                .setPrintStream(print) // the formatter otherwise writes to System.out
                .setNodeId(nodeId)
                .setClusterId(Uuid.randomUuid().toString())
                .addDirectory(logDir.toString())
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(controllerListenerName)
                .run();
        }
        LOG.debug("formatted {}: {}", logDir, out.toString(StandardCharsets.UTF_8).trim());
    }
}
