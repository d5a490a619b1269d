package io.interlock.scenarios.clients.smb;

import com.hierynomus.mssmb2.SMB2FileId;
import java.util.UUID;

/**
 * An open file handle and what the server granted on it.
 *
 * @param path share-relative path
 * @param fileId the SMB2 FileId
 * @param oplockLevel granted OplockLevel: 0 NONE, 1 LEVEL_II, 8 EXCLUSIVE, 9 BATCH, 255 = lease
 * @param createAction CreateAction of the response
 * @param leaseKey the requested lease key, or null when no lease was requested
 * @param leaseState granted lease state ({@link LeaseBits}); 0 when none
 * @param leaseFlags flags of the lease response context (0x2 = a break is in progress)
 * @param leaseEpoch epoch of a v2 lease response; 0 otherwise
 * @param leaseVersion version of the lease response context, or null when the server sent none
 */
public record SmbOpen(
        String path,
        SMB2FileId fileId,
        int oplockLevel,
        int createAction,
        UUID leaseKey,
        int leaseState,
        int leaseFlags,
        int leaseEpoch,
        LeaseVersion leaseVersion) {}
