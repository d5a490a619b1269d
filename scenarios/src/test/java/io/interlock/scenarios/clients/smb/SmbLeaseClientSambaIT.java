package io.interlock.scenarios.clients.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.peers.SambaPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lease driver against a real Samba 4.17 smbd with leases on (skipped when smbd is absent). */
class SmbLeaseClientSambaIT {
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

    private static SmbLeaseClient client() throws Exception {
        return SmbLeaseClient.connect("127.0.0.1", samba.port(), SambaPeer.SHARE, SambaPeer.USER, SambaPeer.PASSWORD);
    }

    @Test
    void openByOtherClient_rwhLeaseHeld_breaksToRhWithAckAndHoldsOpenUntilAck() throws Exception {
        UUID keyA = UUID.randomUUID();
        UUID keyB = UUID.randomUUID();
        try (SmbLeaseClient a = client();
                SmbLeaseClient b = client()) {
            SmbOpen openA = a.open("leased.txt", keyA, LeaseBits.parse("RWH"), LeaseVersion.V2);
            System.out.printf(
                    "A dialect=%s open oplock=0x%02X lease=%s v=%s epoch=%d%n",
                    a.dialect(),
                    openA.oplockLevel(),
                    LeaseBits.format(openA.leaseState()),
                    openA.leaseVersion(),
                    openA.leaseEpoch());
            assertThat(openA.oplockLevel()).isEqualTo(0xFF);
            assertThat(openA.leaseState()).isEqualTo(LeaseBits.parse("RWH"));
            assertThat(a.write(openA, 0, "smb".getBytes(StandardCharsets.US_ASCII)))
                    .isEqualTo(3);

            CompletableFuture<SmbOpen> openB = CompletableFuture.supplyAsync(() -> {
                try {
                    return b.open("leased.txt", keyB, LeaseBits.parse("RWH"), LeaseVersion.V2);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });

            LeaseBreakEvent br = a.awaitBreak(Duration.ofSeconds(10));
            System.out.println("A received " + br + " flags=0x" + Integer.toHexString(br.flags()));
            assertThat(br.leaseKey()).isEqualTo(keyA);
            assertThat(br.currentState()).isEqualTo(LeaseBits.parse("RWH"));
            assertThat(br.newState()).isEqualTo(LeaseBits.parse("RH"));
            assertThat(br.ackRequired()).isTrue();
            boolean bDoneBeforeAck = openB.isDone();
            System.out.println("B's open completed before A's ack: " + bDoneBeforeAck);
            assertThat(bDoneBeforeAck).isFalse();

            LeaseBreakAckResult ack = a.ack(keyA, LeaseBits.parse("RH"));
            System.out.println("A ack -> status " + ack.statusHex() + " state " + LeaseBits.format(ack.leaseState()));
            assertThat(ack.success()).isTrue();
            assertThat(ack.leaseState()).isEqualTo(LeaseBits.parse("RH"));

            SmbOpen ob = openB.get(10, TimeUnit.SECONDS);
            System.out.println("B open completed: lease=" + LeaseBits.format(ob.leaseState()));
            assertThat(ob.leaseState()).isEqualTo(LeaseBits.parse("RH"));

            // a second ack for the same break is refused (MS-SMB2 3.3.5.22.2: Lease.Breaking is FALSE)
            LeaseBreakAckResult again = a.ack(keyA, LeaseBits.parse("RH"));
            System.out.println("A second ack -> status " + again.statusHex());
            assertThat(again.success()).isFalse();

            assertThat(new String(b.read(ob, 0), StandardCharsets.US_ASCII)).isEqualTo("smb");
            a.close(openA);
            b.close(ob);
        }
        assertThat(Files.readString(samba.shareDir().resolve("leased.txt"))).isEqualTo("smb");
    }

    @Test
    void open_v1LeaseRequested_grantsV1Response() throws Exception {
        try (SmbLeaseClient a = client()) {
            SmbOpen o = a.open("v1.txt", UUID.randomUUID(), LeaseBits.parse("RWH"), LeaseVersion.V1);
            assertThat(o.leaseVersion()).isEqualTo(LeaseVersion.V1);
            assertThat(o.leaseState()).isEqualTo(LeaseBits.parse("RWH"));
            a.close(o);
        }
    }
}
