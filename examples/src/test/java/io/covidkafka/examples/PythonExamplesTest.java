package io.covidkafka.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PySpark examples: one per Java example, each compiling under python3. PySpark is not installable on the build
 * machines (only Maven Central and Debian packages), so they are syntax-checked here, NOT run.
 */
class PythonExamplesTest {

    private static final Path PYTHON = SharedData.repoRoot().resolve("examples/python");

    @Test
    void everyJavaExampleHasAPythonTwinUsingTheSameFormat() throws Exception {
        for (String name : ExampleCatalog.names()) {
            Path py = PYTHON.resolve(name.replace('-', '_') + ".py");
            assertThat(py).as("Python version of %s", name).isRegularFile();
            String source = Files.readString(py);
            if (!name.equals("csv-producer")) {
                assertThat(source).as(py.toString()).contains("format(\"covid-kafka\")");
            }
        }
    }

    @Test
    void everyPythonFileCompiles(@TempDir Path out) throws Exception {
        assumeTrue(python3Works(), "python3 is not on this machine");
        try (var files = Files.list(PYTHON)) {
            for (Path py : files.filter(p -> p.toString().endsWith(".py")).toList()) {
                // compile to a scratch file: no __pycache__ in the source tree
                Process p = new ProcessBuilder("python3", "-c",
                        "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                        py.toString(), out.resolve("x.pyc").toString()).redirectErrorStream(true).start();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as("py_compile %s: %s", py.getFileName(),
                        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            }
        }
    }

    private static boolean python3Works() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
