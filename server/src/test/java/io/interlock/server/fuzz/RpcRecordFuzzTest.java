package io.interlock.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.interlock.server.rpc.RecordMarkingDecoder;
import io.interlock.server.rpc.Rpc;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcInbound;
import io.interlock.server.rpc.XdrException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;

/**
 * RPC record marking (RFC 5531 §11) on an EmbeddedChannel, fed in fuzz-chosen chunks, then the call
 * header (§9) and AUTH_SYS (§14) of every record it yields. Findings: an exception other than the
 * documented XdrException, a record above the cap, or a leaked buffer.
 */
class RpcRecordFuzzTest {
    private static final int CAP = 64 * 1024;
    private static final InetSocketAddress FROM = InetSocketAddress.createUnresolved("fuzz", 1);

    @FuzzTest(maxDuration = "5s") // the build's bound; -Dfuzz.seconds overrides it (server/pom.xml)
    void recordMarkingAndCallHeader(FuzzedDataProvider in) {
        FuzzStats.hit("RpcRecordFuzzTest");
        int chunk = 1 + in.consumeInt(0, 4096);
        byte[] data = in.consumeRemainingAsBytes();
        EmbeddedChannel ch = new EmbeddedChannel(new RecordMarkingDecoder(CAP, CAP / 4, 64));
        for (int at = 0; at < data.length && ch.isOpen(); at += chunk) {
            ByteBuf b = Unpooled.wrappedBuffer(data, at, Math.min(chunk, data.length - at));
            ch.writeInbound(b);
        }
        Object rec;
        while ((rec = ch.readInbound()) != null) {
            byte[] r = (byte[]) rec;
            if (r.length > CAP) {
                throw new AssertionError("record of " + r.length + " bytes passed the " + CAP + "-byte cap");
            }
            RpcInbound call = RpcInbound.decode(r, FROM);
            if (call instanceof RpcInbound.Call c && c.credFlavor() == Rpc.AUTH_SYS) {
                try {
                    RpcCredential.Sys.decode(c.credBody());
                } catch (XdrException expected) {
                    // malformed AUTH_SYS: answered AUTH_BADCRED by the processor
                }
            }
        }
        ch.finishAndReleaseAll();
    }
}
