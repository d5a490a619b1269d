package io.interlock.scenarios.clients.smb;

import com.hierynomus.mssmb2.SMB2FileId;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A traditional oplock break notification ([MS-SMB2] 2.2.23.1) as one client received it.
 *
 * @param fileId the open whose oplock breaks
 * @param newLevel the level the server breaks to (LEVEL_II or NONE): the most the ack may keep
 * @param receivedNanos {@link System#nanoTime()} when the receive thread decoded it
 * @param receivedAt wall-clock time of the same moment
 */
public record OplockBreakEvent(SMB2FileId fileId, int newLevel, long receivedNanos, Instant receivedAt) {

    /** Whether the break is of {@code open}'s oplock. */
    public boolean isFor(SmbOpen open) {
        return Arrays.equals(Smb2OplockBreak.fileIdBytes(fileId), Smb2OplockBreak.fileIdBytes(open.fileId()));
    }

    /**
     * Whether the holder of a {@code heldLevel} oplock must acknowledge this break ([MS-SMB2]
     * 2.2.24.1): a break from BATCH or EXCLUSIVE must be acknowledged; one from LEVEL_II (always to
     * NONE) must not, the notification has no flag saying so.
     */
    public boolean ackRequired(int heldLevel) {
        return heldLevel == Smb2CreateWithLease.OPLOCK_LEVEL_BATCH
                || heldLevel == Smb2CreateWithLease.OPLOCK_LEVEL_EXCLUSIVE;
    }

    @Override
    public String toString() {
        return "OplockBreak{" + HexFormat.of().formatHex(Smb2OplockBreak.fileIdBytes(fileId)) + " -> 0x"
                + Integer.toHexString(newLevel) + "}";
    }
}
