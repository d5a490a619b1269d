package io.interlock.server.fuzz;

import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import java.util.Arrays;
import java.util.List;

/** Turns fuzz input into RPC call records. */
final class FuzzCalls {
    private static final RpcCredential ROOT = new RpcCredential.Sys(1, "fuzz", 0, 0, List.of());

    private FuzzCalls() {}

    /**
     * The input itself when it does not start with 0xFF (a captured or mutated call record);
     * otherwise byte 1 picks the procedure ({@code mod procedures}) and the rest are its XDR
     * arguments, wrapped in a call to {@code program}/{@code version} with AUTH_SYS root.
     */
    static byte[] record(byte[] data, int program, int version, int procedures) {
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF) {
            return data;
        }
        int proc = (data[1] & 0xFF) % procedures;
        byte[] args = Arrays.copyOfRange(data, 2, data.length);
        return RpcClient.encodeCall(7, program, version, proc, ROOT, w -> w.writeFixedOpaque(args));
    }
}
