package io.interlock.scenarios.engine;

import io.interlock.scenarios.clients.nfs.NfsAttrs;
import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateMode;
import io.interlock.scenarios.clients.smb.ForwardingSmbClient;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.SmbClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.targets.PathMapping;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * Clients whose paths a target maps: on a target that cannot give each program a share of its own,
 * the program's files live in a fresh directory of the shared tree, at one path in the SMB share
 * and another in the NFS export ({@link PathMapping}). The program keeps naming its own paths.
 */
final class PathMapped {
    private PathMapped() {}

    static NfsClient nfs(NfsClient c, PathMapping m) {
        return m.isIdentity() ? c : new Nfs(c, m);
    }

    static SmbClient smb(SmbClient c, PathMapping m) {
        return m.isIdentity() ? c : new Smb(c, m);
    }

    private record Nfs(NfsClient c, PathMapping m) implements NfsClient {
        @Override
        public void onJukebox(JukeboxObserver observer) {
            c.onJukebox(observer);
        }

        @Override
        public byte[] fileHandle(String path) throws IOException {
            return c.fileHandle(m.nfs(path));
        }

        @Override
        public NfsAttrs getattr(String path) throws IOException {
            return c.getattr(m.nfs(path));
        }

        @Override
        public byte[] read(String path) throws IOException {
            return c.read(m.nfs(path));
        }

        @Override
        public byte[] read(String path, long offset, int count) throws IOException {
            return c.read(m.nfs(path), offset, count);
        }

        @Override
        public int write(String path, long offset, byte[] data) throws IOException {
            return c.write(m.nfs(path), offset, data);
        }

        @Override
        public int writeExisting(String path, long offset, byte[] data) throws IOException {
            return c.writeExisting(m.nfs(path), offset, data);
        }

        @Override
        public void create(String path, Nfs3CreateMode mode, Long size) throws IOException {
            c.create(m.nfs(path), mode, size);
        }

        @Override
        public void setSize(String path, long size) throws IOException {
            c.setSize(m.nfs(path), size);
        }

        @Override
        public void remove(String path) throws IOException {
            c.remove(m.nfs(path));
        }

        @Override
        public void rename(String from, String to) throws IOException {
            c.rename(m.nfs(from), m.nfs(to));
        }

        @Override
        public void mkdir(String path) throws IOException {
            c.mkdir(m.nfs(path));
        }

        @Override
        public void rmdir(String path) throws IOException {
            c.rmdir(m.nfs(path));
        }

        @Override
        public void link(String existing, String newPath) throws IOException {
            c.link(m.nfs(existing), m.nfs(newPath));
        }

        @Override
        public List<String> readdir(String dir) throws IOException {
            return c.readdir(m.nfs(dir));
        }

        @Override
        public void close() {
            c.close();
        }
    }

    private static final class Smb extends ForwardingSmbClient {
        private final PathMapping m;

        Smb(SmbClient c, PathMapping m) {
            super(c);
            this.m = m;
        }

        @Override
        public SmbOpen open(String path, UUID leaseKey, int requestedState, LeaseVersion version, boolean directory)
                throws IOException {
            return delegate.open(m.smb(path), leaseKey, requestedState, version, directory);
        }
    }
}
