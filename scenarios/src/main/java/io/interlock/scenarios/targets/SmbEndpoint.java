package io.interlock.scenarios.targets;

/**
 * Where and how an SMB client reaches a target's share.
 *
 * @param host server host or IP
 * @param port SMB TCP port (445 on a normal server; ephemeral for the embedded one)
 * @param share share name
 * @param user NTLM user
 * @param password NTLM password
 */
public record SmbEndpoint(String host, int port, String share, String user, String password) {
    @Override
    public String toString() {
        return "smb://" + user + "@" + host + ":" + port + "/" + share;
    }
}
