package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import io.interlock.suite.SuiteArea;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuiteOptionsTest {
    private static final Target BOTH = new Target() {
        @Override
        public String describe() {
            return "both";
        }

        @Override
        public Optional<SmbEndpoint> smb() {
            return Optional.of(new SmbEndpoint("h", 445, "s", "u", "p"));
        }

        @Override
        public Optional<NfsEndpoint> nfs() {
            return Optional.of(NfsEndpoint.viaPortmapper("h", "/s"));
        }
    };

    private static SuiteOptions.Plan plan(Target t, String... suites) {
        SuiteOptions o = new SuiteOptions();
        o.suites = List.of(suites);
        return o.plan(t);
    }

    @Test
    void plan_default_everySuiteTheTargetsProtocolsAllow() {
        assertThat(plan(BOTH).areas()).isEqualTo(EnumSet.allOf(SuiteArea.class));
        Target smbOnly = new Target() {
            @Override
            public String describe() {
                return "smb";
            }

            @Override
            public Optional<SmbEndpoint> smb() {
                return BOTH.smb();
            }

            @Override
            public Optional<NfsEndpoint> nfs() {
                return Optional.empty();
            }
        };
        assertThat(plan(smbOnly).areas()).containsExactlyInAnyOrder(SuiteArea.SMB, SuiteArea.CACHE);
    }

    @Test
    void plan_listNoneAndSmbtorture_parsed() {
        assertThat(plan(BOTH, "xp,smb").areas()).containsExactlyInAnyOrder(SuiteArea.XP, SuiteArea.SMB);
        assertThat(plan(BOTH, "none").isEmpty()).isTrue();
        SuiteOptions.Plan t = plan(BOTH, "smbtorture:smb2.lease,smb2.oplock");
        assertThat(t.areas()).isEmpty();
        assertThat(t.torture()).containsExactly("smb2.lease", "smb2.oplock");
        SuiteOptions.Plan mixed = plan(BOTH, "nfs,smbtorture:smb2.lease,smb2.oplock,rpc");
        assertThat(mixed.areas()).containsExactlyInAnyOrder(SuiteArea.NFS, SuiteArea.RPC);
        assertThat(mixed.torture()).containsExactly("smb2.lease", "smb2.oplock");
    }

    @Test
    void plan_unknownSuite_userErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> plan(BOTH, "smb,bogus"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("unknown suite 'bogus'");
    }
}
