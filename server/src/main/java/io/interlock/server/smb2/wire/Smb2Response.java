package io.interlock.server.smb2.wire;

/** A response body that can encode itself after a 64-byte header. */
public interface Smb2Response {
    /** Writes the body; {@code w} starts at header offset 64. */
    void encode(Smb2Writer w);
}
