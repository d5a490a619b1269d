package io.interlock.scenarios.compare;

import static io.interlock.scenarios.compare.Nfs3Raw.status;

import com.emc.ecs.nfsclient.nfs.NfsCreateMode;
import com.emc.ecs.nfsclient.nfs.NfsDirectoryEntry;
import com.emc.ecs.nfsclient.nfs.NfsReaddirResponse;
import com.emc.ecs.nfsclient.nfs.NfsReaddirplusResponse;
import com.emc.ecs.nfsclient.nfs.NfsResponseBase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * READDIR / READDIRPLUS of a 2000-entry directory with small pages, so the cookie and verifier
 * machinery (RFC 1813 §3.3.16, §3.3.17) is exercised; the normalised result says how many
 * distinct names came back, whether "." and ".." were among them, whether any name repeated and
 * whether every created name was seen. Page counts differ legitimately (entry sizes) and are not
 * compared.
 */
final class ReaddirSteps {
    static final int ENTRIES = 2000;

    private final Nfs3Raw raw;

    ReaddirSteps(Nfs3Raw raw) {
        this.raw = raw;
    }

    private static String name(int i) {
        return String.format("entry-%04d-%s", i, "x".repeat(i % 17));
    }

    /** Summary of a full listing: distinct names, dots, duplicates, completeness. */
    private static String summary(String st, List<String> names, int pages) {
        Set<String> seen = new HashSet<>();
        int dups = 0;
        for (String n : names) {
            if (!seen.add(n)) {
                dups++;
            }
        }
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < ENTRIES; i++) {
            expected.add(name(i));
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(seen);
        Set<String> extra = new TreeSet<>(seen);
        extra.removeAll(expected);
        extra.remove(".");
        extra.remove("..");
        return st + " names=" + seen.size() + " dot=" + seen.contains(".") + " dotdot=" + seen.contains("..") + " dups="
                + dups + " missing=" + missing.size() + " extra=" + extra + " paged=" + (pages > 1);
    }

    private String readdirAll(byte[] dir, int count) throws IOException {
        List<String> names = new ArrayList<>();
        long cookie = 0;
        long verf = 0;
        int pages = 0;
        while (pages < 10_000) {
            NfsReaddirResponse r = raw.nfs.getReaddir(raw.nfs.makeReaddirRequest(dir, cookie, verf, count));
            pages++;
            if (!r.stateIsOk()) {
                return summary(status(r) + " at page " + pages, names, pages);
            }
            for (NfsDirectoryEntry e : r.getEntries()) {
                names.add(e.getFileName());
                cookie = e.getCookie();
            }
            verf = r.getCookieverf();
            if (r.isEof()) {
                return summary("NFS3_OK", names, pages);
            }
            if (r.getEntries().isEmpty()) {
                return summary("no entries and no eof at page " + pages, names, pages);
            }
        }
        return summary("too many pages", names, pages);
    }

    private String readdirplusAll(byte[] dir, int dircount, int maxcount) throws IOException {
        List<String> names = new ArrayList<>();
        long cookie = 0;
        long verf = 0;
        int pages = 0;
        int withHandle = 0;
        while (pages < 10_000) {
            NfsReaddirplusResponse r =
                    raw.nfs.getReaddirplus(raw.nfs.makeReaddirplusRequest(dir, cookie, verf, dircount, maxcount));
            pages++;
            if (!r.stateIsOk()) {
                return summary(status(r) + " at page " + pages, names, pages);
            }
            for (var e : r.getEntries()) {
                names.add(e.getFileName());
                cookie = e.getCookie();
                if (e.getFileHandle() != null && !e.getFileName().startsWith(".")) {
                    withHandle++;
                }
            }
            verf = r.getCookieverf();
            if (r.isEof()) {
                return summary("NFS3_OK", names, pages) + " handles=" + withHandle;
            }
            if (r.getEntries().isEmpty()) {
                return summary("no entries and no eof at page " + pages, names, pages);
            }
        }
        return summary("too many pages", names, pages);
    }

    void addTo(NfsOpScript s) {
        s.add("readdir.large.setup", "MKDIR + 2000 CREATE GUARDED (names of 15..31 bytes)", () -> {
            raw.mkdirOrFail("/p-big");
            byte[] dir = raw.fh("/p-big");
            for (int i = 0; i < ENTRIES; i++) {
                NfsResponseBase r = raw.nfs.sendCreate(
                        raw.nfs.makeCreateRequest(NfsCreateMode.GUARDED, dir, name(i), Nfs3Raw.mode(0644), null));
                if (!r.stateIsOk()) {
                    return "CREATE " + name(i) + ": " + status(r);
                }
            }
            return "NFS3_OK " + Nfs3Raw.attrs(raw.getattr("/p-big"));
        });
        s.add("readdir.large.count-1024", "READDIR count=1024 until eof", () -> readdirAll(raw.fh("/p-big"), 1024));
        s.add("readdir.large.count-32k", "READDIR count=32768 until eof", () -> readdirAll(raw.fh("/p-big"), 32768));
        s.add(
                "readdirplus.large.small-pages",
                "READDIRPLUS dircount=512 maxcount=4096 until eof",
                () -> readdirplusAll(raw.fh("/p-big"), 512, 4096));
        s.add("readdir.toosmall", "READDIR count=20 (no entry fits)", () -> {
            NfsReaddirResponse r = raw.nfs.getReaddir(raw.nfs.makeReaddirRequest(raw.fh("/p-big"), 0, 0, 20));
            return status(r) + " entries=" + r.getEntries().size();
        });
        s.add("readdir.bad-cookie", "READDIR with a cookie the server never issued (0xFFFFFFFF00)", () -> {
            NfsReaddirResponse r =
                    raw.nfs.getReaddir(raw.nfs.makeReaddirRequest(raw.fh("/p-big"), 0xFFFFFFFF00L, 0, 4096));
            return status(r) + " entries=" + r.getEntries().size();
        });
        s.add("readdir.stale-verifier", "READDIR page 2 with a wrong cookie verifier", () -> {
            byte[] dir = raw.fh("/p-big");
            NfsReaddirResponse p1 = raw.nfs.getReaddir(raw.nfs.makeReaddirRequest(dir, 0, 0, 1024));
            NfsReaddirResponse p2 = raw.nfs.getReaddir(
                    raw.nfs.makeReaddirRequest(dir, p1.getCookie(), p1.getCookieverf() ^ 0x5a5a5a5aL, 1024));
            return status(p2);
        });
        s.add("readdir.on-file", "READDIR of a regular file", () -> {
            raw.put("/p-rdfile", new byte[0]);
            return status(raw.nfs.getReaddir(raw.nfs.makeReaddirRequest(raw.fh("/p-rdfile"), 0, 0, 4096)));
        });
        s.add("readdir.empty-dir", "READDIR of an empty directory", () -> {
            raw.mkdirOrFail("/p-empty");
            NfsReaddirResponse r = raw.nfs.getReaddir(raw.nfs.makeReaddirRequest(raw.fh("/p-empty"), 0, 0, 4096));
            List<String> names = new ArrayList<>();
            r.getEntries().forEach(e -> names.add(e.getFileName()));
            names.sort(null);
            return status(r) + " " + names + " eof=" + r.isEof();
        });
    }
}
