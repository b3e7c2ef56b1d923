package io.covidkafka.connect;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared real data (system property {@code covidkafka.shared.data}, set by surefire/failsafe). */
final class SharedData {

    private SharedData() {
    }

    static Path dir() {
        String p = System.getProperty("covidkafka.shared.data");
        Path d = p != null ? Path.of(p) : Path.of("..", "..", "shared", "data");
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("shared data not found at " + d.toAbsolutePath());
        }
        return d.toAbsolutePath().normalize();
    }

    static Path phac() {
        return dir().resolve("covid/canada/phac_covid19_2020-06-15.csv");
    }

    /** The repository root (the reactor root). */
    static Path repoRoot() {
        String p = System.getProperty("maven.multiModuleProjectDirectory");
        if (p != null) {
            return Path.of(p);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("connector")) ? here : here.getParent();
    }
}
