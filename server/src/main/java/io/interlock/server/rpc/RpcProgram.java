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
     * Whether a procedure is non-idempotent, so that a retransmission must be answered from the
     * duplicate-request cache instead of running again (RFC 1813 §4.5).
     */
    default boolean nonIdempotent(int version, int procedure) {
        return false;
    }
}
