package io.covidkafka.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the shared real data files ({@code ../shared/data} beside the repository), as schema-core's tests do. */
final class SharedData {

    private SharedData() {
    }

    static Path file(String relative) {
        String configured = System.getProperty("covidkafka.shared.data");
        Path root = configured != null ? Paths.get(configured) : null;
        if (root == null || !Files.isDirectory(root)) {
            Path dir = Paths.get("").toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve("../shared/data"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("shared data folder ../shared/data not found");
            }
            root = dir.resolve("../shared/data").normalize();
        }
        Path p = root.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared data file missing: " + p);
        }
        return p;
    }
}
