package io.interlock.scenarios.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operation script run against every server in the comparison: an ordered list of steps, each
 * with a stable id and a one-line normalised result (status, comparable attributes, content
 * digests; never file ids, handles, times or fsids). Steps use their own names, so one failing
 * step does not change the input of the next.
 */
final class NfsOpScript {
    /** One operation; its result is the normalised text compared across servers. */
    interface Action {
        String run() throws Exception;
    }

    record Step(String id, String what, Action action) {}

    private final List<Step> steps = new ArrayList<>();

    void add(String id, String what, Action action) {
        steps.add(new Step(id, what, action));
    }

    List<Step> steps() {
        return steps;
    }

    /**
     * The full script for one target: libnfs-utils first (it lists the root), then single NFSv3
     * procedures, then nfs-client-java's file API on what the earlier steps left.
     */
    static NfsOpScript forTarget(NfsTarget target, Nfs3Raw raw, Path tmp) {
        NfsOpScript s = new NfsOpScript();
        new LibnfsSteps(target, raw, tmp).addTo(s);
        new ProtocolSteps(raw).addTo(s);
        new LibraryApiSteps(raw).addTo(s);
        return s;
    }

    /** Runs every step; an exception becomes the step's result, so the script always completes. */
    Map<String, String> run() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Step st : steps) {
            String r;
            try {
                r = st.action().run();
            } catch (Nfs3Raw.SetupFailed e) {
                r = "SETUP-FAILED " + e.getMessage();
            } catch (Exception e) {
                r = "EXCEPTION " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            out.put(st.id(), oneLine(r));
        }
        return out;
    }

    static String oneLine(String s) {
        return s == null
                ? "null"
                : s.replace("\t", " ").replace("\r", "").replace("\n", " | ").strip();
    }

    /** Writes {@code id<TAB>result} lines. */
    static void write(Map<String, String> results, Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        results.forEach((k, v) -> b.append(k).append('\t').append(v).append('\n'));
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                m.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return m;
    }
}
