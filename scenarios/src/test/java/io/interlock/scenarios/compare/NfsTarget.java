package io.interlock.scenarios.compare;

/**
 * One NFSv3 server under comparison, as the operation script sees it.
 *
 * @param name column name in the comparison table (e.g. "ganesha", "interlock")
 * @param exportPath the path to MOUNT ("/share", or ganesha's export directory)
 * @param nfsPort the NFS program's TCP port (for libnfs URLs)
 * @param mountPort the MOUNT program's TCP port (for libnfs URLs)
 */
record NfsTarget(String name, String exportPath, int nfsPort, int mountPort) {
    static final String HOST = "127.0.0.1";

    /** A libnfs URL for {@code path} below the export ("" is the export itself). */
    String url(String path) {
        return "nfs://" + HOST + exportPath + path + "?version=3&nfsport=" + nfsPort + "&mountport=" + mountPort;
    }
}
