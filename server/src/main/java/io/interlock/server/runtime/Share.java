package io.interlock.server.runtime;

import io.interlock.server.core.vfs.VirtualFileSystem;

/**
 * A live share: a name, its store and its settings.
 *
 * @param name SMB share name; NFS export path is {@code "/" + name}
 * @param fs the store
 * @param breakPolicy what NFS does while it breaks an SMB lease on this share
 * @param enabled disabled shares are not listed and not connectable
 */
public record Share(String name, VirtualFileSystem fs, BreakPolicy breakPolicy, boolean enabled) {
    public String exportPath() {
        return "/" + name;
    }
}
