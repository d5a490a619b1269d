package io.interlock.suite.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interlock.scenarios.targets.TargetAdmin;
import io.interlock.suite.Requirement;
import io.interlock.suite.SuiteContext;
import io.interlock.suite.SuiteExtension;
import io.interlock.suite.smb.Smb2Client;
import io.interlock.suite.smb.SrvsvcPipe;
import io.interlock.suite.smb.SrvsvcPipe.ShareInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The share list served through {@code \PIPE\srvsvc} (NetrShareEnum) while shares change at run
 * time (catalog nfs3-nlm-crossproto.md §5, R-CACHE-1..6). Share changes go through the target's
 * admin endpoint; without one the suite SKIPS.
 */
@ExtendWith(SuiteExtension.class)
public final class ShareListCacheSuite {

    private static Smb2Client ipc(SuiteContext ctx, String name) throws Exception {
        return ctx.smb(name, "IPC$", Smb2Client.Options.defaults());
    }

    /** The share names a newly opened pipe lists. */
    private static Set<String> names(Smb2Client ipc) throws Exception {
        try (SrvsvcPipe p = SrvsvcPipe.open(ipc)) {
            return p.enumerate().stream().map(ShareInfo::name).collect(Collectors.toSet());
        }
    }

    private static String share(SuiteContext ctx, String what) {
        return ("c" + ctx.name(what)).replace("-", "");
    }

    @Test
    @Requirement("R-CACHE-1")
    void addShare_thenNewPipe_listsIt(SuiteContext ctx) throws Exception {
        TargetAdmin admin = ctx.admin();
        Smb2Client ipc = ipc(ctx, "L");
        Set<String> before = names(ipc);
        String s = share(ctx, "add");
        admin.addShare(s);
        Set<String> after = names(ipc);
        ctx.note("shares", "before " + before + ", after " + after);
        assertTrue(after.contains(s), "a pipe opened after AddShare lists " + s);
        Set<String> expected = new HashSet<>(before);
        expected.add(s);
        assertEquals(expected, after, "exactly one share more");
    }

    @Test
    @Requirement("R-CACHE-2")
    void removeShare_thenNewPipe_omitsItAndListIsWellFormed(SuiteContext ctx) throws Exception {
        TargetAdmin admin = ctx.admin();
        Smb2Client ipc = ipc(ctx, "L");
        String s = share(ctx, "rm");
        admin.addShare(s);
        assertTrue(names(ipc).contains(s), "listed once added");
        assertTrue(admin.removeShare(s), "RemoveShare");
        List<ShareInfo> list;
        try (SrvsvcPipe p = SrvsvcPipe.open(ipc)) {
            list = p.enumerate();
        }
        Set<String> after = list.stream().map(ShareInfo::name).collect(Collectors.toSet());
        assertFalse(after.contains(s), "a pipe opened after RemoveShare no longer lists " + s);
        for (ShareInfo i : list) {
            assertFalse(i.name().equalsIgnoreCase("IPC$"), "IPC$ is never listed");
            assertFalse(i.name().startsWith("/"), "no leading '/': " + i.name());
        }
        String test = ctx.smbEndpoint().share();
        ShareInfo mine = list.stream()
                .filter(i -> i.name().equals(test))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the test's own share " + test + " is listed"));
        assertEquals(SrvsvcPipe.STYPE_DISKTREE, mine.type(), "a disk share is STYPE_DISKTREE");
    }

    @Test
    @Requirement("R-CACHE-3")
    void enumerate_pipeOpenedBeforeTheChange_mayBeStaleButNewPipeIsCurrent(SuiteContext ctx) throws Exception {
        TargetAdmin admin = ctx.admin();
        Smb2Client ipc = ipc(ctx, "L");
        String s = share(ctx, "snap");
        try (SrvsvcPipe old = SrvsvcPipe.open(ipc)) {
            Set<String> before = old.enumerate().stream().map(ShareInfo::name).collect(Collectors.toSet());
            admin.addShare(s);
            Set<String> onOld = old.enumerate().stream().map(ShareInfo::name).collect(Collectors.toSet());
            Set<String> withS = new HashSet<>(before);
            withS.add(s);
            assertTrue(
                    onOld.equals(before) || onOld.equals(withS), "the old pipe lists the old or the new set: " + onOld);
            ctx.note("old pipe", onOld.contains(s) ? "sees the new share" : "keeps its snapshot");
        }
        assertTrue(names(ipc).contains(s), "a pipe opened after the change lists the new share");
    }

    @Test
    @Requirement("R-CACHE-4")
    void enumerate_parallelPipesDuringShareChurn_eachListsALegalStateThenTheFinalSet(SuiteContext ctx)
            throws Exception {
        TargetAdmin admin = ctx.admin();
        Smb2Client first = ipc(ctx, "L");
        Set<String> base = names(first);
        int clients = 32;
        int cycles = 10;
        List<String> churn = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            churn.add(share(ctx, "churn" + i));
        }
        List<Smb2Client> ipcs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ipcs.add(ipc(ctx, "P" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Set<String>>>> seen = new ArrayList<>();
            for (Smb2Client c : ipcs) {
                seen.add(pool.submit(() -> {
                    List<Set<String>> out = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        out.add(names(c));
                    }
                    return out;
                }));
            }
            for (String s : churn) {
                admin.addShare(s);
                admin.removeShare(s);
            }
            for (Future<List<Set<String>>> f : seen) {
                for (Set<String> listed : f.get(60, TimeUnit.SECONDS)) {
                    assertTrue(listed.containsAll(base), "every enumeration lists the stable shares: " + listed);
                    Set<String> extra = new HashSet<>(listed);
                    extra.removeAll(base);
                    assertTrue(churn.containsAll(extra), "nothing but churned shares besides them: " + extra);
                    assertTrue(
                            extra.size() <= 1,
                            "adds and removes are sequential: at most one churned share at a time, got " + extra);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (Smb2Client c : ipcs.subList(0, 4)) {
            assertEquals(base, names(c), "once the churn stopped every new pipe lists the final set");
        }
    }

    @Test
    @Requirement("R-CACHE-5")
    void disableShare_thenNewPipe_omitsIt(SuiteContext ctx) throws Exception {
        TargetAdmin admin = ctx.admin();
        Smb2Client ipc = ipc(ctx, "L");
        String s = share(ctx, "off");
        admin.addShare(s);
        assertTrue(names(ipc).contains(s), "listed while enabled");
        assertTrue(admin.disableShare(s), "DisableShare");
        assertFalse(names(ipc).contains(s), "a disabled share is not listed");
    }

    @Test
    @Requirement("R-CACHE-6")
    void enumerate_nonAsciiShareName_listedWithUtf16Counts(SuiteContext ctx) throws Exception {
        TargetAdmin admin = ctx.admin();
        Smb2Client ipc = ipc(ctx, "L");
        String s = "données" + share(ctx, "x").toLowerCase(Locale.ROOT);
        admin.addShare(s);
        // SrvsvcPipe rejects counts that are not UTF-16 units with the NUL: decoding is the check
        Set<String> listed = names(ipc);
        assertTrue(listed.contains(s), "the non-ASCII name comes back intact: " + listed);
    }
}
