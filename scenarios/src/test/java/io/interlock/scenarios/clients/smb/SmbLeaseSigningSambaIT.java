package io.interlock.scenarios.clients.smb;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.mssmb2.SMB2Dialect;
import io.interlock.scenarios.peers.SambaPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lease break acks on signed sessions against Samba: smbj drops unsigned responses on a session
 * that requires signing, so the interceptor's stand-in for the ack response must be signed with
 * the session key (HMAC-SHA256 on SMB 2.1, AES-CMAC on SMB 3.x). First with the client requiring
 * signing, then with Samba's {@code server signing = mandatory} (added to the peer's smb.conf and
 * reloaded with SIGHUP). Skipped when smbd is absent.
 */
class SmbLeaseSigningSambaIT {
    private static SambaPeer samba;

    @BeforeAll
    static void start() throws Exception {
        samba = SambaPeer.startOrSkip();
    }

    @AfterAll
    static void stop() throws Exception {
        if (samba != null) {
            samba.close();
        }
    }

    private static SmbLeaseClient client(SmbLeaseClient.Options o) throws Exception {
        return SmbLeaseClient.connect(
                "127.0.0.1",
                samba.port(),
                SambaPeer.SHARE,
                SambaPeer.USER,
                SambaPeer.PASSWORD,
                UUID.randomUUID(),
                Duration.ofSeconds(10),
                o);
    }

    /** A's RWH lease is broken by B's open; A's ack on the signed session must come back. */
    private static void breakAndAck(SmbLeaseClient.Options o, String file) throws Exception {
        UUID keyA = UUID.randomUUID();
        try (SmbLeaseClient a = client(o);
                SmbLeaseClient b = client(o)) {
            assertThat(a.signingRequired()).as("session must be signed").isTrue();
            // RqLs v2 is SMB 3.x only ([MS-SMB2] 2.2.13.2.10)
            LeaseVersion v = a.dialect().isSmb3x() ? LeaseVersion.V2 : LeaseVersion.V1;
            SmbOpen openA = a.open(file, keyA, LeaseBits.parse("RWH"), v);
            a.write(openA, 0, "signed".getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<SmbOpen> openB = CompletableFuture.supplyAsync(() -> {
                try {
                    return b.open(file, UUID.randomUUID(), LeaseBits.parse("RWH"), v);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            LeaseBreakEvent br = a.awaitBreak(Duration.ofSeconds(10));
            assertThat(br.newState()).isEqualTo(LeaseBits.parse("RH"));

            LeaseBreakAckResult ack = a.ack(keyA, LeaseBits.parse("RH"));

            System.out.println(
                    a.dialect() + " signed ack -> " + ack.statusHex() + " " + LeaseBits.format(ack.leaseState()));
            assertThat(ack.success()).isTrue();
            assertThat(ack.leaseState()).isEqualTo(LeaseBits.parse("RH"));
            SmbOpen ob = openB.get(10, TimeUnit.SECONDS);
            // the connection still works after the substitute: smbj's credits and table are intact
            assertThat(new String(b.read(ob, 0), StandardCharsets.US_ASCII)).isEqualTo("signed");
            LeaseBreakAckResult again = a.ack(keyA, LeaseBits.parse("RH"));
            assertThat(again.success()).as("a refused ack is answered too").isFalse();
            a.close(openA);
            b.close(ob);
        }
    }

    @Test
    void ack_clientRequiresSigningSmb3_isAnswered() throws Exception {
        breakAndAck(new SmbLeaseClient.Options(true, Set.of()), "signed3.txt");
    }

    @Test
    void ack_clientRequiresSigningSmb21_isAnswered() throws Exception {
        breakAndAck(new SmbLeaseClient.Options(true, Set.of(SMB2Dialect.SMB_2_1)), "signed21.txt");
    }

    @Test
    void ack_serverSigningMandatory_isAnswered() throws Exception {
        Path conf = samba.shareDir().getParent().resolve("smb.conf");
        String text = Files.readString(conf);
        Files.writeString(conf, text.replace("[global]\n", "[global]\n  server signing = mandatory\n"));
        long pid = Long.parseLong(Files.readString(samba.shareDir().getParent().resolve("lock/smbd.pid"))
                .strip());
        ProcessHandle.of(pid).orElseThrow();
        new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
        try {
            // smbd reloads asynchronously: wait until a client that does not ask for signing gets it
            Awaitility.await("smbd requires signing after the reload")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        try (SmbLeaseClient c = client(SmbLeaseClient.Options.DEFAULT)) {
                            return c.signingRequired();
                        }
                    });
            breakAndAck(SmbLeaseClient.Options.DEFAULT, "mandatory.txt");
        } finally {
            Files.writeString(conf, text);
            new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
