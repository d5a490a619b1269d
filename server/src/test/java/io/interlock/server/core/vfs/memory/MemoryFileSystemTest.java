package io.interlock.server.core.vfs.memory;

import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.core.vfs.VirtualFileSystemContract;
import java.time.Clock;

class MemoryFileSystemTest extends VirtualFileSystemContract {
    @Override
    protected VirtualFileSystem createStore(Clock clock) {
        return new MemoryFileSystem(clock);
    }
}
