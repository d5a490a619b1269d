package io.interlock.server.smb2.wire;

/** A response body that can encode itself after its 64-byte header. */
public interface Smb2Response {
    /**
     * Writes the body. {@code w} already holds the header, so {@code w.size()} is an offset from
     * the beginning of the SMB2 header, as the spec's offset fields are.
     */
    void encode(Smb2Writer w);
}
