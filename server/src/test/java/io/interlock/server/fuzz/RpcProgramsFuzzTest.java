package io.interlock.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.interlock.server.nfs.mount.MountProgram;
import io.interlock.server.nfs.nlm.Nlm4Program;
import io.interlock.server.nfs.nsm.NsmProgram;
import io.interlock.server.rpc.RpcCallProcessor;
import java.util.Arrays;

/**
 * The argument decoders and procedures of MOUNT v3, NLM v4, NSM v1 and portmap v2 / rpcbind v3-4.
 * Input: byte 0 picks the listener (MOUNT, NLM+NSM, portmapper), the rest is a call record as in
 * {@link FuzzCalls#record}; for NLM+NSM a wrapped call goes to NLM when byte 2 is even, else NSM.
 */
class RpcProgramsFuzzTest {
    private static final RpcFuzzHarness HARNESS = new RpcFuzzHarness();

    @FuzzTest(maxDuration = "5s") // the build's bound; -Dfuzz.seconds overrides it (server/pom.xml)
    void rpcPrograms(byte[] data) {
        FuzzStats.hit("RpcProgramsFuzzTest");
        if (data.length < 1) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(data, 1, data.length);
        int which = (data[0] & 0xFF) % 3;
        RpcCallProcessor p;
        byte[] record;
        switch (which) {
            case 0 -> {
                p = HARNESS.mount;
                record = FuzzCalls.record(rest, MountProgram.PROGRAM, MountProgram.VERSION, 6);
            }
            case 1 -> {
                p = HARNESS.nlm;
                boolean nsm = rest.length > 1 && (rest[1] & 1) == 1;
                record = nsm
                        ? FuzzCalls.record(rest, NsmProgram.PROGRAM, NsmProgram.VERSION, 7)
                        : FuzzCalls.record(rest, Nlm4Program.PROGRAM, Nlm4Program.VERSION, 24);
            }
            default -> {
                p = HARNESS.portmap;
                int vers = rest.length > 1 ? 2 + (rest[1] & 0xFF) % 3 : 2;
                record = FuzzCalls.record(rest, 100000, vers, 16);
            }
        }
        HARNESS.run(p, record);
    }
}
