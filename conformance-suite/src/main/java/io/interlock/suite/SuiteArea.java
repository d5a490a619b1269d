package io.interlock.suite;

import io.interlock.scenarios.targets.Target;
import io.interlock.suite.suites.CrossProtocolSuite;
import io.interlock.suite.suites.MountSuite;
import io.interlock.suite.suites.Nfs3Suite;
import io.interlock.suite.suites.NlmSuite;
import io.interlock.suite.suites.NsmSuite;
import io.interlock.suite.suites.PortmapSuite;
import io.interlock.suite.suites.RpcSuite;
import io.interlock.suite.suites.ShareListCacheSuite;
import io.interlock.suite.suites.SmbLeaseOplockSuite;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The conformance suites, one class per catalog area, by the name {@code --suite} takes. */
public enum SuiteArea {
    XP("xp", CrossProtocolSuite.class, true, true, "cross-protocol (NFS/NLM vs SMB leases and locks), R-XP-*"),
    SMB("smb", SmbLeaseOplockSuite.class, true, false, "SMB2 leases and oplocks, R-SMB-*"),
    NFS("nfs", Nfs3Suite.class, false, true, "NFSv3, R-NFS-*"),
    MOUNT("mount", MountSuite.class, false, true, "MOUNT v3, R-MNT-*"),
    RPC("rpc", RpcSuite.class, false, true, "ONC RPC, R-RPC-*"),
    PMAP("pmap", PortmapSuite.class, false, true, "portmapper/rpcbind, R-PMAP-*"),
    NLM("nlm", NlmSuite.class, false, true, "NLM v4, R-NLM-*"),
    NSM("nsm", NsmSuite.class, false, true, "NSM, R-NSM-*"),
    CACHE("cache", ShareListCacheSuite.class, true, false, "share-list cache (srvsvc), R-CACHE-*");

    private final String id;
    private final Class<?> suite;
    private final boolean smb;
    private final boolean nfs;
    private final String title;

    SuiteArea(String id, Class<?> suite, boolean smb, boolean nfs, String title) {
        this.id = id;
        this.suite = suite;
        this.smb = smb;
        this.nfs = nfs;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public Class<?> suiteClass() {
        return suite;
    }

    public String title() {
        return title;
    }

    /** Whether a target with these protocols can run this suite at all. */
    public boolean runsOn(Target t) {
        return (!smb || t.smb().isPresent()) && (!nfs || t.nfs().isPresent());
    }

    /** Every suite the target's protocols allow (the default of {@code --suite}). */
    public static Set<SuiteArea> defaultsFor(Target t) {
        return Arrays.stream(values())
                .filter(a -> a.runsOn(t))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SuiteArea.class)));
    }

    /** The area called {@code id} (case-insensitive). */
    public static SuiteArea of(String id) {
        for (SuiteArea a : values()) {
            if (a.id.equalsIgnoreCase(id.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown suite '" + id + "' (known: "
                + Arrays.stream(values()).map(SuiteArea::id).collect(Collectors.joining(",")) + ")");
    }

    /** The area of a suite class. */
    public static SuiteArea ofClass(Class<?> c) {
        for (SuiteArea a : values()) {
            if (a.suite == c) {
                return a;
            }
        }
        throw new IllegalArgumentException(c + " is no suite");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
