package io.interlock.scenarios.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetCapabilitiesTest {
    private static final ServerSettings WAIT = new ServerSettings("wait", null, null);
    private static final ServerSettings TIMEOUT = new ServerSettings(null, Duration.ofSeconds(1), null);
    private static final ServerSettings FAULT = new ServerSettings(null, null, List.of("SKIP_NFS_BREAK"));

    @Test
    void refuse_interlock_acceptsEverySetting() {
        TargetCapabilities c = TargetCapabilities.interlock(true, true);
        assertThat(c.refuse(new ServerSettings("jukebox", Duration.ofSeconds(1), List.of("SKIP_NFS_BREAK")), "t"))
                .isEmpty();
    }

    @Test
    void refuse_plainTarget_namesEachMissingControl() {
        TargetCapabilities c = TargetCapabilities.plain(true, true, PathMapping.IDENTITY);
        assertThat(c.refuse(ServerSettings.NONE, "t")).isEmpty();
        assertThat(c.refuse(new ServerSettings("wait", Duration.ofSeconds(1), List.of("SKIP_NFS_BREAK")), "nas1"))
                .hasValueSatisfying(r -> assertThat(r)
                        .startsWith("the scenario needs server settings")
                        .contains("which target nas1 cannot apply: it sets no break policy, its break timeout"
                                + " cannot be set, it has no fault points (it offers no admin endpoint)"));
    }

    @Test
    void refuse_fixedWaitPolicy_acceptsWaitOnly() {
        TargetCapabilities c = new TargetCapabilities(
                true, true, true, false, Set.of("wait"), false, false, PathMapping.IDENTITY, "kernel leases");
        assertThat(c.refuse(WAIT, "t")).isEmpty();
        assertThat(c.refuse(new ServerSettings("notify", null, null), "t"))
                .hasValueSatisfying(r -> assertThat(r).contains("its break policy is wait (kernel leases)"));
        assertThat(c.refuse(TIMEOUT, "t")).isPresent();
        assertThat(c.refuse(FAULT, "t")).isPresent();
    }

    @Test
    void plain_oneProtocol_noSharedNamespace() {
        assertThat(TargetCapabilities.plain(true, false, PathMapping.IDENTITY).sharedNamespace())
                .isFalse();
        assertThat(TargetCapabilities.plain(true, true, PathMapping.IDENTITY).sharedNamespace())
                .isTrue();
    }

    @Test
    void refuse_noSmb_breakPolicyAndTimeoutAreMootButFaultsAreNot() {
        TargetCapabilities nfsOnly = TargetCapabilities.plain(false, true, PathMapping.IDENTITY);
        assertThat(nfsOnly.refuse(new ServerSettings("wait", Duration.ofSeconds(1), null), "t"))
                .isEmpty();
        assertThat(nfsOnly.refuse(FAULT, "t")).isPresent();
    }
}
