package io.interlock.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.interlock.server.nfs.v3.Nfs3Program;

/**
 * Every NFSv3 argument decoder and procedure (RFC 1813), on the real in-memory store. Input: a
 * whole RPC call record (the committed corpus holds calls captured from libnfs and our RPC
 * client); with the first byte 0xFF, a procedure number and bare arguments wrapped in a call.
 */
class Nfs3CallFuzzTest {
    private static final RpcFuzzHarness HARNESS = new RpcFuzzHarness();

    @FuzzTest(maxDuration = "5s") // the build's bound; -Dfuzz.seconds overrides it (server/pom.xml)
    void nfs3Call(byte[] data) {
        FuzzStats.hit("Nfs3CallFuzzTest");
        HARNESS.run(HARNESS.nfs, FuzzCalls.record(data, Nfs3Program.PROGRAM, Nfs3Program.VERSION, 22));
    }
}
