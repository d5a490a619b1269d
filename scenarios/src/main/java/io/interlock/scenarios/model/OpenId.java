package io.interlock.scenarios.model;

/** An SMB open: the client (ClientGuid) and the engine's handle name. */
public record OpenId(String client, String handle) implements LockOwner {
    @Override
    public String toString() {
        return client + ":" + handle;
    }
}
