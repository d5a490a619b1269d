package io.interlock.scenarios.targets;

/**
 * How a path of a scenario maps onto a target shared by SMB and NFS: the directory {@code smbDir}
 * of the SMB share and the directory {@code nfsDir} of the NFS export are the same directory on
 * the server, and a scenario's files live under it. Both are relative, '/'-separated, without
 * leading or trailing '/'; empty means the share's or export's root.
 *
 * <p>Examples: a Samba share and a ganesha export of the same directory map {@code ("", "")}; a
 * share of {@code /srv/data} and an export of {@code /srv} map {@code ("", "data")}.
 *
 * @param smbDir directory inside the SMB share
 * @param nfsDir the same directory inside the NFS export
 */
public record PathMapping(String smbDir, String nfsDir) {
    /** Share root = export root. */
    public static final PathMapping IDENTITY = new PathMapping("", "");

    public PathMapping {
        smbDir = normalize(smbDir);
        nfsDir = normalize(nfsDir);
    }

    /**
     * {@code SMBDIR:NFSDIR}, e.g. {@code :data} (the share's root is the export's {@code data}) or
     * {@code ""} for the identity.
     */
    public static PathMapping parse(String s) {
        if (s == null || s.isBlank()) {
            return IDENTITY;
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a path map is SMBDIR:NFSDIR (either may be empty), got '" + s + "'");
        }
        return new PathMapping(s.substring(0, colon), s.substring(colon + 1));
    }

    private static String normalize(String d) {
        if (d == null) {
            return "";
        }
        String p = d.replace('\\', '/').strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        for (String part : p.split("/", -1)) {
            if (!p.isEmpty() && (part.isEmpty() || part.equals(".") || part.equals(".."))) {
                throw new IllegalArgumentException("invalid directory '" + d + "' in a path map");
            }
        }
        return p;
    }

    private static String join(String dir, String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return dir.isEmpty() ? p : p.isEmpty() ? dir : dir + "/" + p;
    }

    /** Where a scenario's {@code path} is in the SMB share. */
    public String smb(String path) {
        return join(smbDir, path);
    }

    /** Where a scenario's {@code path} is in the NFS export. */
    public String nfs(String path) {
        return join(nfsDir, path);
    }

    /** The mapping of the subdirectory {@code sub} (relative to both directories). */
    public PathMapping under(String sub) {
        String s = normalize(sub);
        return new PathMapping(join(smbDir, s), join(nfsDir, s));
    }

    public boolean isIdentity() {
        return smbDir.isEmpty() && nfsDir.isEmpty();
    }

    @Override
    public String toString() {
        return smbDir + ":" + nfsDir;
    }
}
