package io.interlock.scenarios.proxy;

/** SMB2 command codes ([MS-SMB2] 2.2.1.2, Command), with O(1) lookup by wire value. */
public enum Smb2Command {
    SMB2_NEGOTIATE(0x0000),
    SMB2_SESSION_SETUP(0x0001),
    SMB2_LOGOFF(0x0002),
    SMB2_TREE_CONNECT(0x0003),
    SMB2_TREE_DISCONNECT(0x0004),
    SMB2_CREATE(0x0005),
    SMB2_CLOSE(0x0006),
    SMB2_FLUSH(0x0007),
    SMB2_READ(0x0008),
    SMB2_WRITE(0x0009),
    SMB2_LOCK(0x000A),
    SMB2_IOCTL(0x000B),
    SMB2_CANCEL(0x000C),
    SMB2_ECHO(0x000D),
    SMB2_QUERY_DIRECTORY(0x000E),
    SMB2_CHANGE_NOTIFY(0x000F),
    SMB2_QUERY_INFO(0x0010),
    SMB2_SET_INFO(0x0011),
    SMB2_OPLOCK_BREAK(0x0012),
    SMB2_SERVER_TO_CLIENT_NOTIFICATION(0x0013),
    /** Any other code; {@link Smb2Message#commandCode()} keeps the value. */
    UNKNOWN(-1);

    private static final Smb2Command[] BY_CODE = new Smb2Command[0x14];

    static {
        for (Smb2Command c : values()) {
            if (c.code >= 0) {
                BY_CODE[c.code] = c;
            }
        }
    }

    private final int code;

    Smb2Command(int code) {
        this.code = code;
    }

    /** The wire value; -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    public static Smb2Command of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNKNOWN;
    }
}
