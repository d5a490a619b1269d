package io.interlock.server.smb2.wire;

/** SMB2 command codes ([MS-SMB2] 2.2.1.2), indexed by wire value. */
public enum Smb2Command {
    NEGOTIATE(0x00),
    SESSION_SETUP(0x01),
    LOGOFF(0x02),
    TREE_CONNECT(0x03),
    TREE_DISCONNECT(0x04),
    CREATE(0x05),
    CLOSE(0x06),
    FLUSH(0x07),
    READ(0x08),
    WRITE(0x09),
    LOCK(0x0A),
    IOCTL(0x0B),
    CANCEL(0x0C),
    ECHO(0x0D),
    QUERY_DIRECTORY(0x0E),
    CHANGE_NOTIFY(0x0F),
    QUERY_INFO(0x10),
    SET_INFO(0x11),
    OPLOCK_BREAK(0x12);

    private static final Smb2Command[] BY_VALUE = values();

    private final int value;

    Smb2Command(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The command of a wire value, or null for an unknown code. */
    public static Smb2Command of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }
}
