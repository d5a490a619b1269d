package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Bad command lines give one clear line and a non-zero exit, never a stack trace. */
class CliErrorsTest {
    @Test
    void serve_unknownOption_oneLineAndExit2() {
        Cli.Result r = Cli.run("serve", "--bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("interlock: Unknown option: '--bogus'").doesNotContain("Exception");
    }

    @Test
    void serve_missingConfigFile_oneLineAndExit2() {
        Cli.Result r = Cli.run("serve", "--config", "/no/such/interlock.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("interlock: config file not found: /no/such/interlock.yaml");
    }

    @Test
    void serve_badBreakPolicy_namesTheChoices() {
        Cli.Result r = Cli.run("serve", "--break-policy", "sometimes");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown break policy 'sometimes'").contains("notify, wait, jukebox");
    }

    @Test
    void serve_unknownFault_namesTheChoices() {
        Cli.Result r = Cli.run("serve", "--fault", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown fault 'nope'").contains("SKIP_NFS_BREAK");
    }

    @Test
    void serveAndRunHelp_listEveryFaultPointOfTheEnum() {
        for (String verb : new String[] {"serve", "run"}) {
            Cli.Result r = Cli.run(verb, "--help");
            assertThat(r.exit()).isZero();
            String help = r.out().replaceAll("\\s+", " ");
            for (io.interlock.server.faults.Fault f : io.interlock.server.faults.Fault.values()) {
                assertThat(help).as("%s --help names %s", verb, f).contains(f.name());
            }
        }
    }

    @Test
    void serve_portInUse_oneLineAndExit1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.run(
                    "serve",
                    "--smb-port",
                    String.valueOf(taken.getLocalPort()),
                    "--nfs-port",
                    "0",
                    "--mount-port",
                    "0",
                    "--portmap",
                    "off");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip())
                    .isEqualTo("interlock: SMB port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    @Test
    void run_unknownScenario_listsKnownOnes() {
        Cli.Result r = Cli.run("run", "--scenario", "no-such-scenario");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown scenario 'no-such-scenario'").contains("xp-write-breaks-lease");
    }

    @Test
    void parseDuration_acceptsUnitsAndIso() {
        assertThat(ServerOptions.parseDuration("35s").toMillis()).isEqualTo(35_000);
        assertThat(ServerOptions.parseDuration("500ms").toMillis()).isEqualTo(500);
        assertThat(ServerOptions.parseDuration("2m").toSeconds()).isEqualTo(120);
        assertThat(ServerOptions.parseDuration("PT1.5S").toMillis()).isEqualTo(1500);
    }
}
