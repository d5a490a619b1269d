package io.interlock.server.rpc;

/**
 * An RPC program number and the range of versions served (RFC 5531 §9: a call for another version
 * is answered PROG_MISMATCH with this range).
 */
public record RpcProgramId(int program, int lowVersion, int highVersion) {
    /** A program serving exactly one version. */
    public static RpcProgramId of(int program, int version) {
        return new RpcProgramId(program, version, version);
    }
}
