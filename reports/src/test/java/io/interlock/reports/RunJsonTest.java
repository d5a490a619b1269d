package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJsonTest {
    @Test
    void roundTrip_fullRun_equalsOriginal() throws Exception {
        Run run = Samples.run();
        String json = RunJson.toJson(run);
        assertThat(json).contains("\"startedAt\" : \"2026-11-21T10:00:00Z\"").contains("\"verdict\" : \"FAIL\"");
        assertThat(RunJson.fromJson(json)).isEqualTo(run);
    }

    @Test
    void writeAll_run_writesFourFilesAndRunJsonReadsBack(@TempDir Path dir) throws Exception {
        Run run = Samples.run();
        Reports.writeAll(run, dir.resolve("out"));
        Path out = dir.resolve("out");
        assertThat(out.resolve(Reports.HTML)).isRegularFile();
        assertThat(out.resolve(Reports.JUNIT_XML)).isRegularFile();
        assertThat(out.resolve(Reports.MARKDOWN)).isRegularFile();
        assertThat(RunJson.read(out.resolve(Reports.RUN_JSON))).isEqualTo(run);
        assertThat(Files.readString(out.resolve(Reports.MARKDOWN))).contains("FAILED");
    }
}
