package io.interlock.cli;

import io.interlock.scenarios.targets.RemoteAdmin;
import io.interlock.scenarios.targets.TargetFile;
import io.interlock.scenarios.targets.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which server a run tests: {@code --target}, or {@code --smb}/{@code --nfs}, or a targets file. */
final class TargetOptions {
    @Option(
            names = "--target",
            paramLabel = "NAME",
            description = "embedded (default), samba+ganesha, samba+ganesha:kernel-oplocks, samba, ganesha,"
                    + " container:samba+ganesha, container:samba+ganesha:kernel-oplocks, or a name from"
                    + " --target-file.")
    String target;

    @Option(
            names = "--smb",
            paramLabel = "URL",
            description = "A running SMB server: smb://USER:PASS@HOST[:PORT]/SHARE (password also from"
                    + " $INTERLOCK_SMB_PASSWORD).")
    String smb;

    @Option(
            names = "--nfs",
            paramLabel = "URL",
            description = "A running NFSv3 server: nfs://HOST[:PORT]/EXPORT[?mount=PORT&nlm=PORT&portmap=PORT].")
    String nfs;

    @Option(
            names = "--path-map",
            paramLabel = "SMBDIR:NFSDIR",
            description = "With --smb and --nfs: the directory of the share and the directory of the export"
                    + " that are the same (default ':', the roots).")
    String pathMap;

    @Option(
            names = "--admin",
            paramLabel = "HOST:PORT",
            description = "With --smb/--nfs: the admin endpoint of an 'interlock serve --admin' there.")
    String admin;

    @Option(
            names = "--admin-token-file",
            paramLabel = "FILE",
            description = "The admin endpoint's token (default: interlock-admin.token, as serve writes it).")
    Path adminTokenFile;

    @Option(names = "--target-file", paramLabel = "FILE", description = "YAML file of named targets.")
    Path targetFile;

    /** The request, reading the token and the targets file now so that a bad path is one clear error. */
    Targets.Request request() {
        String token = null;
        if (admin != null) {
            Path f = adminTokenFile != null ? adminTokenFile : Path.of(ServeCommand.DEFAULT_TOKEN_FILE);
            if (!Files.isRegularFile(f)) {
                throw new UserError("admin token file not found: " + f + " (interlock serve --admin writes it)", 2);
            }
            try {
                token = RemoteAdmin.readToken(f);
            } catch (IOException e) {
                throw new UserError("cannot read " + f + ": " + e.getMessage(), 2);
            }
        }
        return new Targets.Request(target, smb, nfs, pathMap, admin, token);
    }

    TargetFile file() {
        if (targetFile == null) {
            return null;
        }
        if (!Files.isRegularFile(targetFile)) {
            throw new UserError("target file not found: " + targetFile, 2);
        }
        try {
            return TargetFile.read(targetFile);
        } catch (IOException e) {
            throw new UserError("cannot read " + targetFile + ": " + e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    /** The options to repeat in a repro line, so that a replay tests the same target. */
    String reproArgs() {
        StringBuilder b = new StringBuilder();
        append(b, "--target", target);
        append(b, "--smb", smb == null ? null : smb.replaceAll("(//[^/:@]*):[^@/]*@", "$1@"));
        append(b, "--nfs", nfs);
        append(b, "--path-map", pathMap);
        append(b, "--admin", admin);
        append(b, "--admin-token-file", adminTokenFile == null ? null : adminTokenFile.toString());
        append(b, "--target-file", targetFile == null ? null : targetFile.toString());
        return b.toString();
    }

    private static void append(StringBuilder b, String option, String value) {
        if (value != null) {
            b.append(' ').append(option).append(' ').append(quote(value));
        }
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_@%+=:,./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
