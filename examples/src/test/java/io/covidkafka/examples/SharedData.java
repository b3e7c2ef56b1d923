package io.covidkafka.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the shared real data files ({@code ../shared/data} beside the repository), as schema-core's tests do. */
final class SharedData {

    static final String PHAC = "covid/canada/phac_covid19_2020-06-15.csv";

    private SharedData() {
    }

    static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared data file missing: " + p);
        }
        return p;
    }

    static Path root() {
        String configured = System.getProperty("covidkafka.shared.data");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("../shared/data"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("shared data folder ../shared/data not found");
        }
        return dir.resolve("../shared/data").normalize();
    }

    /** The repository root (the reactor's directory, or found from the working directory). */
    static Path repoRoot() {
        String configured = System.getProperty("covidkafka.repo.root");
        if (configured != null) {
            return Paths.get(configured);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("examples/pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found from " + Paths.get("").toAbsolutePath());
        }
        return dir;
    }
}
