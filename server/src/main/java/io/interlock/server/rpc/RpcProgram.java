package io.interlock.server.rpc;

/** An RPC program: its number, the versions it serves, and a procedure table per version. */
public interface RpcProgram {
    /** The program number and versions served. */
    RpcProgramId id();

    default int program() {
        return id().program();
    }

    default int lowVersion() {
        return id().lowVersion();
    }

    default int highVersion() {
        return id().highVersion();
    }

    /** The procedure, or null when the version serves no such procedure (PROC_UNAVAIL). */
    RpcProcedure procedure(int version, int procedure);

    /**
     * Whether a procedure refuses AUTH_NONE (answered AUTH_ERROR/AUTH_TOOWEAK). NULL procedures
     * must always accept AUTH_NONE (RFC 5531 §8.1).
     */
    default boolean requiresAuthSys(int procedure) {
        return false;
    }

    /**
     * Largest request record this program needs (RFC 5531 §11 caps nothing; each server picks its
     * own). MOUNT, NLM, NSM and the portmapper take a few KiB of arguments at most.
     */
    default int maxRecord() {
        return 64 * 1024;
    }

    /**
     * Largest record before the connection's first accepted call; a client that has made no call
     * cannot pin more than this ({@link #maxRecord()} unless a program needs less up front).
     */
    default int preLoginMaxRecord() {
        return maxRecord();
    }

    /**
     * Whether a procedure is non-idempotent, so that a retransmission must be answered from the
     * duplicate-request cache instead of running again (RFC 1813 §4.5).
     */
    default boolean nonIdempotent(int version, int procedure) {
        return false;
    }

    /**
     * Whether a call with {@code argBytes} bytes of arguments is quick: it never waits (anything
     * that would returns a future) and does little work, so it may run on the thread that decoded
     * it when the connection's lane is idle, instead of being handed to the pool and its reply
     * handed back (ARCHITECTURE.md §1.3). False by default.
     */
    default boolean quick(int version, int procedure, int argBytes) {
        return false;
    }
}
