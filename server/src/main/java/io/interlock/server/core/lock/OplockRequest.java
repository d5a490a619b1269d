package io.interlock.server.core.lock;

import io.interlock.server.core.vfs.FileId;

/**
 * A CREATE's traditional oplock request. The oplock belongs to exactly one open: its key is {@link
 * LeaseKey#forOplock(long) LeaseKey.forOplock(openId)}, which the adapter passes as {@link
 * BreakOrigin#ownKey()} for operations on that open.
 *
 * @param file the file or stream (never a directory: oplocks are not granted on directories)
 * @param openId the adapter's identity of the open (e.g. the SMB2 persistent FileId), unique
 *     among live opens
 * @param requestedLevel {@link OplockLevel#LEVEL_II}, {@link OplockLevel#EXCLUSIVE} or {@link
 *     OplockLevel#BATCH}
 * @param notifier where breaks of this oplock go ({@link BreakNotifier#oplockBreak})
 */
public record OplockRequest(FileId file, long openId, int requestedLevel, BreakNotifier notifier) {}
