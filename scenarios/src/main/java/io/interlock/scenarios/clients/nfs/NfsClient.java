package io.interlock.scenarios.clients.nfs;

import java.io.IOException;

/** PLACEHOLDER until the nfsclient branch lands: the engine's NFSv3 client interface. */
public interface NfsClient extends AutoCloseable {
    enum CreateMode {
        GUARDED,
        UNCHECKED,
        EXCLUSIVE
    }

    byte[] fileHandle(String path) throws IOException;

    int write(String path, long offset, byte[] data) throws IOException;

    byte[] read(String path) throws IOException;

    void create(String path, CreateMode mode, Long size) throws IOException;

    void setSize(String path, long size) throws IOException;

    void remove(String path) throws IOException;

    void rename(String from, String to) throws IOException;

    void mkdir(String path) throws IOException;

    void rmdir(String path) throws IOException;

    void link(String existing, String newPath) throws IOException;

    @Override
    void close();
}
