package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM options of a forked {@code serve}: the file the launcher reads too. */
class ServeJvmOptionsTest {
    @Test
    void parse_oneOptionPerLine_commentsAndBlankLinesDropped() {
        assertThat(ServeJvmOptions.parse("# a comment\n\n-Xmx1g  # the heap\n  -XX:+UseSerialGC\n"))
                .containsExactly("-Xmx1g", "-XX:+UseSerialGC");
    }

    @Test
    void defaults_areTheFileTheLauncherReads() throws Exception {
        // the launcher reads the source file; the fork reads the copy on the classpath
        Path source = Path.of("src/main/resources/io/interlock/cli", ServeJvmOptions.RESOURCE);
        List<String> fromSource = ServeJvmOptions.parse(Files.readString(source, StandardCharsets.UTF_8));
        assertThat(ServeJvmOptions.defaults()).isEqualTo(fromSource);
        assertThat(fromSource)
                .contains("-XX:+UseSerialGC")
                .anyMatch(o -> o.startsWith("-Xmx"))
                .anyMatch(o -> o.startsWith("-XX:MaxDirectMemorySize="));
    }
}
