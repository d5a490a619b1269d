package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s target options fail early, in one line, without starting anything. */
class TargetOptionsTest {
    @TempDir
    Path dir;

    @Test
    void run_unknownTarget_listsTheKinds() {
        Cli.Result r = Cli.run("run", "--target", "nas9", "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("unknown target 'nas9'")
                .contains("samba+ganesha:kernel-oplocks")
                .contains("container:samba+ganesha");
    }

    @Test
    void run_serverOptionWithAnotherTarget_refused() {
        Cli.Result r = Cli.run("run", "--target", "samba", "--fault", "SKIP_NFS_BREAK", "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("configure the embedded server");
    }

    @Test
    void run_smbAddressWithoutShare_explainsTheForm() {
        Cli.Result r = Cli.run("run", "--smb", "smb://alice:pw@nas1", "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("smb://USER:PASS@HOST[:PORT]/SHARE");
    }

    @Test
    void run_targetAndAddressTogether_refused() {
        Cli.Result r = Cli.run("run", "--target", "samba", "--smb", "smb://a:b@h/s", "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("exclude each other");
    }

    @Test
    void run_adminWithoutTokenFile_saysWhere() {
        Cli.Result r = Cli.run(
                "run",
                "--smb",
                "smb://a:b@127.0.0.1:1/s",
                "--admin",
                "127.0.0.1:1",
                "--admin-token-file",
                dir.resolve("none").toString(),
                "--out",
                dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("admin token file not found");
    }

    @Test
    void run_targetFileNamingAnUnknownKey_oneLine() throws Exception {
        Path f = dir.resolve("targets.yaml");
        Files.writeString(f, "targets:\n  nas1:\n    smb: smb://a:b@h/s\n    colour: blue\n");
        Cli.Result r = Cli.run("run", "--target", "nas1", "--target-file", f.toString(), "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("targets.yaml").contains("colour");
    }

    @Test
    void run_missingBaseline_oneLine() {
        Cli.Result r = Cli.run("run", "--baseline", dir.resolve("b.yaml").toString(), "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("baseline file not found");
    }
}
