package io.interlock.server.core.lock;

import io.interlock.server.core.vfs.FileId;

/**
 * One oplock break to deliver ([MS-SMB2] 2.2.23.1).
 *
 * @param openId the open holding the oplock
 * @param file the file
 * @param currentLevel the level held now ({@link OplockLevel})
 * @param newLevel {@link OplockLevel#LEVEL_II} or {@link OplockLevel#NONE}
 * @param ackRequired false only for a Level II → NONE break, which takes effect at once
 * @param trigger what caused the break
 */
public record OplockBreakNotice(
        long openId, FileId file, int currentLevel, int newLevel, boolean ackRequired, BreakTrigger trigger) {}
