package io.covidkafka.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Clears the results of an earlier run when the failsafe run starts and renders the report when it ends. Active
 * only where the pom sets {@code covidkafka.reliability.doc} (the failsafe run of this module).
 */
public final class ReportOnSessionEnd implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (target() == null) {
            return;
        }
        Path dir = Results.dir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Path doc = target();
        if (doc == null || !Files.isDirectory(Results.dir())) {
            return;
        }
        try {
            Files.createDirectories(doc.toAbsolutePath().getParent());
            Files.writeString(doc, ReliabilityReport.render(ReliabilityReport.load(Results.dir())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path target() {
        String doc = System.getProperty("covidkafka.reliability.doc");
        return doc == null || doc.isBlank() ? null : Paths.get(doc);
    }
}
