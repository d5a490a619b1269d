package io.interlock.server.nfs.nsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SM_MON registrations on disk, beside the NSM state file ({@code <state file>.monitors}), so
 * the next incarnation knows whom to SM_NOTIFY (XNFS 11; R-NSM-1), as statd keeps
 * /var/lib/nfs/sm. One line per registration, tab-separated: host, mon_name, my_name, my_prog,
 * my_vers, my_proc, hex(priv); names are Base64 (URL-safe) so any byte survives. The file is
 * replaced atomically on every change; a damaged line is skipped with a warning.
 */
public final class NsmMonitorFile {
    private static final Logger log = LoggerFactory.getLogger(NsmMonitorFile.class);

    private final Path file;

    /** The monitor file that belongs to {@code stateFile}. */
    public static NsmMonitorFile beside(Path stateFile) {
        return new NsmMonitorFile(stateFile.resolveSibling(stateFile.getFileName() + ".monitors"));
    }

    NsmMonitorFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The registrations stored by the previous incarnation (empty when there is no file). */
    public List<NsmRegistration> load() {
        List<NsmRegistration> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            log.warn("NSM monitor file {} unreadable: {}", file, e.toString());
            return out;
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f.length != 7) {
                    throw new IllegalArgumentException(f.length + " fields");
                }
                NsmMon m = new NsmMon(
                        text(f[1]),
                        text(f[2]),
                        Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]),
                        Integer.parseInt(f[5]),
                        HexFormat.of().parseHex(f[6]));
                out.add(new NsmRegistration(m, text(f[0])));
            } catch (IllegalArgumentException e) {
                log.warn("NSM monitor file {}: line skipped ({})", file, e.getMessage());
            }
        }
        return out;
    }

    /** Replaces the file with {@code regs}; failures are logged, never thrown. */
    public void save(Collection<NsmRegistration> regs) {
        StringBuilder sb = new StringBuilder();
        for (NsmRegistration r : regs) {
            NsmMon m = r.mon();
            sb.append(b64(r.host()))
                    .append('\t')
                    .append(b64(m.monName()))
                    .append('\t')
                    .append(b64(m.myName()))
                    .append('\t')
                    .append(m.myProg())
                    .append('\t')
                    .append(m.myVers())
                    .append('\t')
                    .append(m.myProc())
                    .append('\t')
                    .append(HexFormat.of().formatHex(m.priv()))
                    .append('\n');
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("NSM monitor file {} not written: {}", file, e.toString());
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String b64) {
        return new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8);
    }
}
