package io.covidkafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Fails when connector/README.md's config reference differs from the ConfigDef. Regenerate with
 * {@code mvn -o -B test -pl connector -am -Dtest=ReadmeConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dcovidkafka.updateReadme=true}.
 */
class ReadmeConfigReferenceTest {

    @Test
    void readmeConfigReferenceIsCurrent() throws Exception {
        Path readme = SharedData.repoRoot().resolve("connector/README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int b = text.indexOf(ConfigReference.BEGIN);
        int e = text.indexOf(ConfigReference.END);
        assertThat(b).as("begin marker in " + readme).isGreaterThanOrEqualTo(0);
        assertThat(e).as("end marker in " + readme).isGreaterThan(b);
        String current = text.substring(b + ConfigReference.BEGIN.length(), e);
        String expected = "\n" + ConfigReference.markdown() + "\n";
        if (!current.equals(expected) && Boolean.getBoolean("covidkafka.updateReadme")) {
            Files.writeString(readme, text.substring(0, b + ConfigReference.BEGIN.length()) + expected + text.substring(e),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("README config reference is stale; rerun with -Dcovidkafka.updateReadme=true").isEqualTo(expected);
    }
}
