package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code interlock bench load}: a short run against the embedded server, and the option errors. */
class BenchLoadCommandIT {
    @Test
    void benchLoad_twoClientsThreeSeconds_reportsAndExitsZero() {
        Cli.Result r = Cli.run("bench", "load", "--clients", "2", "--duration", "3s", "--memory-capacity", "64M");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("load: 2 clients")
                .contains("0 errors, 0 lost writes, 0 bad shared reads")
                .contains("smb.write.private")
                .contains("nfs.read.shared")
                .contains("server RSS MiB");
    }

    @Test
    void benchLoad_badOptions_exitTwo() {
        assertThat(Cli.run("bench", "load", "--clients", "0").exit()).isEqualTo(2);
        assertThat(Cli.run("bench", "load", "--duration", "soon").exit()).isEqualTo(2);
        assertThat(Cli.run("bench", "load", "--memory-capacity", "lots").exit()).isEqualTo(2);
        assertThat(Cli.run("bench").exit()).isEqualTo(2);
    }
}
