package io.interlock.scenarios.engine;

import io.interlock.scenarios.clients.nfs.NfsAttrs;
import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateMode;
import io.interlock.scenarios.clients.smb.LeaseBreakAckResult;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.SmbClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.targets.PathMapping;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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

    private record Smb(SmbClient c, PathMapping m) implements SmbClient {
        @Override
        public UUID clientGuid() {
            return c.clientGuid();
        }

        @Override
        public SmbOpen open(String path, UUID leaseKey, int requestedState, LeaseVersion version, boolean directory)
                throws IOException {
            return c.open(m.smb(path), leaseKey, requestedState, version, directory);
        }

        @Override
        public Written write(SmbOpen open, long offset, byte[] data, String tag) throws IOException {
            return c.write(open, offset, data, tag);
        }

        @Override
        public Read read(SmbOpen open) throws IOException {
            return c.read(open);
        }

        @Override
        public void close(SmbOpen open) throws IOException {
            c.close(open);
        }

        @Override
        public void lock(SmbOpen open, long offset, long length, boolean exclusive, boolean failImmediately)
                throws IOException {
            c.lock(open, offset, length, exclusive, failImmediately);
        }

        @Override
        public void unlock(SmbOpen open, long offset, long length) throws IOException {
            c.unlock(open, offset, length);
        }

        @Override
        public LeaseBreakAckResult ack(UUID leaseKey, int leaseState) throws IOException {
            return c.ack(leaseKey, leaseState);
        }

        @Override
        public boolean reactsToBreaks() {
            return c.reactsToBreaks();
        }

        @Override
        public List<LeaseBreakEvent> unhandledBreaks() {
            return c.unhandledBreaks();
        }

        @Override
        public HandledBreak handleNextBreak() throws IOException {
            return c.handleNextBreak();
        }

        @Override
        public CompletableFuture<TakenBreak> nextBreak() {
            return c.nextBreak();
        }

        @Override
        public void addBreakListener(Consumer<LeaseBreakEvent> listener) {
            c.addBreakListener(listener);
        }

        @Override
        public void close() {
            c.close();
        }
    }
}
