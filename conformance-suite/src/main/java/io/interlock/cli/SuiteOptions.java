package io.interlock.cli;

import io.interlock.scenarios.targets.Target;
import io.interlock.suite.SuiteArea;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code run}'s choice of conformance suites: {@code --suite xp,smb,nfs,mount,rpc,pmap,nlm,nsm,cache}
 * (default: every suite the target's protocols allow), {@code --suite none}, outside suites as
 * {@code --suite smbtorture:smb2.lease,smb2.oplock}, and {@code --test NAME} for single tests.
 */
final class SuiteOptions {
    static final String SMBTORTURE = "smbtorture:";

    @Option(
            names = "--suite",
            paramLabel = "LIST",
            description = "Conformance suites to run beside the scenarios: xp,smb,nfs,mount,rpc,pmap,nlm,nsm,cache,"
                    + " 'none', or smbtorture:SUITE[,SUITE] (e.g. smbtorture:smb2.lease,smb2.oplock; needs"
                    + " smbtorture on PATH). Default: every suite the target's protocols allow.")
    List<String> suites = new ArrayList<>();

    @Option(
            names = "--test",
            paramLabel = "NAME",
            description = "Run only this suite test (repeatable; the method name a result's repro line gives)."
                    + " Without --scenario, no catalog scenario runs then.")
    List<String> tests = new ArrayList<>();

    /**
     * What to run.
     *
     * @param areas our suites
     * @param tests single tests, or empty for all
     * @param torture smbtorture suites (e.g. smb2.lease), or empty
     */
    record Plan(Set<SuiteArea> areas, Set<String> tests, List<String> torture) {
        static final Plan NONE = new Plan(Set.of(), Set.of(), List.of());

        boolean isEmpty() {
            return areas.isEmpty() && torture.isEmpty();
        }
    }

    /** The plan for a target (defaults follow its protocols). */
    Plan plan(Target target) {
        Set<SuiteArea> areas = EnumSet.noneOf(SuiteArea.class);
        List<String> torture = new ArrayList<>();
        boolean explicit = false;
        boolean tortureOnly = true;
        boolean inTorture = false;
        for (String raw : String.join(",", suites).split(",")) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            explicit = true;
            if (s.startsWith(SMBTORTURE)) {
                inTorture = true;
                s = s.substring(SMBTORTURE.length()).trim();
                if (!s.isEmpty()) {
                    torture.add(s);
                }
                continue;
            }
            if (s.equalsIgnoreCase("none")) {
                tortureOnly = false;
                inTorture = false;
                continue;
            }
            SuiteArea area;
            try {
                area = SuiteArea.of(s);
            } catch (IllegalArgumentException e) {
                if (inTorture) {
                    torture.add(s); // smbtorture:smb2.lease,smb2.oplock: the list goes on
                    continue;
                }
                throw new UserError(e.getMessage(), 2);
            }
            inTorture = false;
            tortureOnly = false;
            areas.add(area);
        }
        if (!explicit) {
            areas.addAll(SuiteArea.defaultsFor(target));
        }
        if (!tests.isEmpty() && areas.isEmpty() && (!explicit || tortureOnly)) {
            areas.addAll(EnumSet.allOf(SuiteArea.class));
        }
        return new Plan(areas, new LinkedHashSet<>(tests), torture);
    }
}
