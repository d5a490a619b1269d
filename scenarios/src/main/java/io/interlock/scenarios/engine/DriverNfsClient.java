package io.interlock.scenarios.engine;

import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.NfsClientDriver;
import java.io.IOException;

/** TEMPORARY until the explicit-port NFS client lands: nfs-client-java behind the NfsClient interface. */
final class DriverNfsClient implements NfsClient {
    private final NfsClientDriver d;
    private final io.interlock.scenarios.clients.ClientActivity activity;

    DriverNfsClient(NfsClientDriver d, io.interlock.scenarios.clients.ClientActivity activity) {
        this.d = d;
        this.activity = activity;
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    /** The library blocks inside; the whole call counts as blocked on the network. */
    private <T> T blocked(Call<T> c) throws IOException {
        activity.blocking(null);
        try {
            return c.run();
        } finally {
            activity.unblocked();
        }
    }

    @Override
    public byte[] fileHandle(String path) throws IOException {
        return blocked(() -> d.fileHandle(path));
    }

    @Override
    public int write(String path, long offset, byte[] data) throws IOException {
        return blocked(() -> d.write(path, data, offset));
    }

    @Override
    public byte[] read(String path) throws IOException {
        return blocked(() -> d.read(path));
    }

    @Override
    public void create(String path, CreateMode mode, Long size) throws IOException {
        blocked(() -> {
            d.create(path, mode == CreateMode.GUARDED, size);
            return null;
        });
    }

    @Override
    public void setSize(String path, long size) throws IOException {
        blocked(() -> {
            d.setSize(path, size);
            return null;
        });
    }

    @Override
    public void remove(String path) throws IOException {
        blocked(() -> {
            d.remove(path);
            return null;
        });
    }

    @Override
    public void rename(String from, String to) throws IOException {
        blocked(() -> {
            d.rename(from, to);
            return null;
        });
    }

    @Override
    public void mkdir(String path) throws IOException {
        blocked(() -> {
            d.mkdir(path);
            return null;
        });
    }

    @Override
    public void rmdir(String path) throws IOException {
        throw new IOException("rmdir: not in nfs-client-java's driver");
    }

    @Override
    public void link(String existing, String newPath) throws IOException {
        throw new IOException("link: not in nfs-client-java's driver");
    }

    @Override
    public void close() {
        d.close();
    }
}
