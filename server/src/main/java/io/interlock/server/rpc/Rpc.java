package io.interlock.server.rpc;

/** ONC RPC v2 wire constants (RFC 5531 §9, §8.2). */
public final class Rpc {
    private Rpc() {}

    public static final int RPC_VERSION = 2;

    // msg_type
    public static final int CALL = 0;
    public static final int REPLY = 1;

    // reply_stat
    public static final int MSG_ACCEPTED = 0;
    public static final int MSG_DENIED = 1;

    // accept_stat
    public static final int SUCCESS = 0;
    public static final int PROG_UNAVAIL = 1;
    public static final int PROG_MISMATCH = 2;
    public static final int PROC_UNAVAIL = 3;
    public static final int GARBAGE_ARGS = 4;
    public static final int SYSTEM_ERR = 5;

    // reject_stat
    public static final int RPC_MISMATCH = 0;
    public static final int AUTH_ERROR = 1;

    // auth_stat
    public static final int AUTH_OK = 0;
    public static final int AUTH_BADCRED = 1;
    public static final int AUTH_REJECTEDCRED = 2;
    public static final int AUTH_BADVERF = 3;
    public static final int AUTH_REJECTEDVERF = 4;
    public static final int AUTH_TOOWEAK = 5;

    // auth_flavor
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SYS = 1;

    /** opaque_auth body bound (RFC 5531 §8.2). */
    public static final int MAX_AUTH_BYTES = 400;

    /** AUTH_SYS machinename bound and gids bound (RFC 5531 App. A). */
    public static final int MAX_MACHINE_NAME = 255;

    public static final int MAX_GIDS = 16;

    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
}
