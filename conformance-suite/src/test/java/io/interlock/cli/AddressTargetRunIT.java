package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --smb}: an address target nobody answers on still gives every scenario a verdict. */
class AddressTargetRunIT {
    @TempDir
    Path dir;

    @Test
    void run_unreachableAddressTarget_everyScenarioReachesAVerdictAndTheReproNamesTheTarget() throws Exception {
        Cli.Result r = Cli.run(
                "run",
                "--smb",
                "smb://alice:secret@127.0.0.1:1/share",
                "--scenario",
                "smb-open-breaks-write-lease",
                "--scenario",
                "xp-write-breaks-lease",
                "--out",
                dir.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("ERROR smb-open-breaks-write-lease");
        assertThat(r.out())
                .contains("reproduce: interlock replay smb-open-breaks-write-lease --seed 1 --smb"
                        + " smb://alice@127.0.0.1:1/share")
                .doesNotContain("secret");
        assertThat(r.out()).containsPattern("(?m)^interlock: 0 passed, 1 failed, 1 skipped$");
        var run = io.interlock.reports.RunJson.read(dir.resolve("run.json"));
        assertThat(run.scenarios().get(1).reason()).isEqualTo("target offers no NFS");
    }
}
