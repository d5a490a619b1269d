package io.interlock.suite.smb;

/**
 * An Oplock Break Notification ([MS-SMB2] 2.2.23.1) as received.
 *
 * @param level OplockLevel (1 byte at 2): the highest level the server accepts in the ack
 * @param fileId FileId (16 bytes at 8)
 * @param message the whole notification
 */
public record OplockBreak(int level, Smb2FileId fileId, Smb2Message message) {
    static OplockBreak decode(Smb2Message m) {
        return new OplockBreak(Byte.toUnsignedInt(m.body().get(2)), Smb2FileId.read(m.body(), 8), m);
    }

    @Override
    public String toString() {
        return "oplock break " + fileId + " -> " + Smb2Open.oplockName(level);
    }
}
