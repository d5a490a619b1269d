package io.interlock.server.smb2;

import io.interlock.server.net.BulkAllocator;
import io.interlock.server.smb2.auth.NtlmCrypto;
import io.interlock.server.smb2.auth.Smb2Signer;
import io.interlock.server.smb2.auth.Smb2Signing;
import io.interlock.server.smb2.auth.Smb3Kdf;
import io.interlock.server.smb2.handlers.Smb2Dispatcher;
import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.session.Smb2Transport;
import io.interlock.server.smb2.wire.Smb2Command;
import io.interlock.server.smb2.wire.Smb2Dialect;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2Writer;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one-time costs off the first client's clock (issue 11: 3.8 s from start to the first SMB
 * session): each event loop's buffer-pool arena allocates its first chunk, the JDK's crypto
 * providers load (AES for CMAC, HMAC-SHA256, HMAC-MD5 for NTLMv2) and a NEGOTIATE runs through the
 * dispatcher on a connection of its own, which is closed again. Runs once, in the background, at
 * start; nothing is sent anywhere and a failure only costs the first client the time it saves.
 */
final class Smb2Warmup {
    private static final Logger log = LoggerFactory.getLogger(Smb2Warmup.class);

    private Smb2Warmup() {}

    /** Starts the warm-up; the future completes when it is over, however it went. */
    static CompletableFuture<Void> start(EventLoopGroup workers, Smb2Dispatcher dispatcher) {
        for (EventExecutor loop : workers) {
            loop.execute(() -> BulkAllocator.INSTANCE.directBuffer(1).release());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        run(dispatcher);
                    } finally {
                        done.complete(null);
                    }
                },
                "smb2-warmup");
        t.setDaemon(true);
        t.start();
        return done;
    }

    private static void run(Smb2Dispatcher dispatcher) {
        try {
            byte[] key = new byte[16];
            byte[] msg = new byte[Smb2Header.SIZE + 8];
            for (Smb2Signing.Algorithm alg : Smb2Signing.Algorithm.values()) {
                new Smb2Signer(alg, key).verify(msg, 0, msg.length);
            }
            Smb3Kdf.signingKey30(key);
            NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("warm-up"), "user", "domain");
            Smb2Connection conn = new Smb2Connection(new Discard(), Runnable::run);
            dispatcher.frame(conn, negotiate());
            dispatcher.connectionClosed(conn);
        } catch (RuntimeException e) {
            log.debug("SMB warm-up failed: {}", e.toString());
        }
    }

    /** A NEGOTIATE request ([MS-SMB2] 2.2.3) offering 2.1 and 3.0.2, without contexts. */
    static byte[] negotiate() {
        Smb2Writer w = new Smb2Writer(128);
        new Smb2Header(0, 0, Smb2Command.NEGOTIATE.value(), 1, 0, 0, 0, 0, 0, null).encode(w);
        w.u16(36); // StructureSize (2 bytes)
        w.u16(2); // DialectCount (2 bytes)
        w.u16(1); // SecurityMode: signing enabled (2 bytes)
        w.u16(0); // Reserved (2 bytes)
        w.u32(0); // Capabilities (4 bytes)
        UUID guid = UUID.randomUUID();
        w.u64(guid.getMostSignificantBits()).u64(guid.getLeastSignificantBits()); // ClientGuid (16 bytes)
        w.u64(0); // ClientStartTime (8 bytes)
        w.u16(Smb2Dialect.SMB_2_1.value()).u16(Smb2Dialect.SMB_3_0_2.value()); // Dialects (2 bytes each)
        return w.toByteArray();
    }

    /** The warm-up connection's transport: drops what the server answers. */
    private static final class Discard implements Smb2Transport {
        @Override
        public void send(byte[] message) {}

        @Override
        public void close() {}

        @Override
        public boolean isActive() {
            return false;
        }

        @Override
        public String remote() {
            return "warm-up";
        }
    }
}
