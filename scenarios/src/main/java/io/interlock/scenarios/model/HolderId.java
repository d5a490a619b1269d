package io.interlock.scenarios.model;

/**
 * Whose cached state: a lease (ClientGuid, LeaseKey) or the traditional oplock of one open (catalog
 * §2.1: the key of an oplock is its open).
 *
 * @param name the lease key, or the open's handle name for an oplock
 */
public record HolderId(String client, String name, boolean oplock) {
    public static HolderId lease(String client, String key) {
        return new HolderId(client, key, false);
    }

    public static HolderId oplock(OpenId open) {
        return new HolderId(open.client(), open.handle(), true);
    }

    @Override
    public String toString() {
        return (oplock ? "oplock " + client + ":" : "lease " + client + "/") + name;
    }
}
