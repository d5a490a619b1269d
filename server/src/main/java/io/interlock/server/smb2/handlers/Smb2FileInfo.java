package io.interlock.server.smb2.handlers;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FsStats;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.nio.charset.StandardCharsets;

/** Encoders of the [MS-FSCC] 2.4 file and 2.5 file-system information classes we answer. */
final class Smb2FileInfo {
    static final int FILE_BASIC = 4;
    static final int FILE_STANDARD = 5;
    static final int FILE_INTERNAL = 6;
    static final int FILE_EA = 7;
    static final int FILE_ACCESS = 8;
    static final int FILE_NAME = 9;
    static final int FILE_RENAME = 10;
    static final int FILE_DISPOSITION = 13;
    static final int FILE_POSITION = 14;
    static final int FILE_MODE = 16;
    static final int FILE_ALIGNMENT = 17;
    static final int FILE_ALL = 18;
    static final int FILE_ALLOCATION = 19;
    static final int FILE_END_OF_FILE = 20;
    static final int FILE_ALTERNATE_NAME = 21;
    static final int FILE_STREAM = 22;
    static final int FILE_NETWORK_OPEN = 34;
    static final int FILE_ATTRIBUTE_TAG = 35;
    static final int FILE_DISPOSITION_EX = 64;

    static final int FS_VOLUME = 1;
    static final int FS_SIZE = 3;
    static final int FS_DEVICE = 4;
    static final int FS_ATTRIBUTE = 5;
    static final int FS_FULL_SIZE = 7;
    static final int FS_SECTOR_SIZE = 11;

    private static final int CLUSTER = 4096;
    private static final int SECTOR = 512;

    private Smb2FileInfo() {}

    /** FileBasicInformation (2.4.7), 40 bytes. */
    static void basic(Smb2Writer w, FileAttributes a) {
        w.u64(Smb2Times.filetime(a.birthTime())); // CreationTime
        w.u64(Smb2Times.filetime(a.atime())); // LastAccessTime
        w.u64(Smb2Times.filetime(a.mtime())); // LastWriteTime
        w.u64(Smb2Times.filetime(a.ctime())); // ChangeTime
        w.u32(Smb2Times.attributes(a)); // FileAttributes
        w.u32(0); // Reserved
    }

    /** FileStandardInformation (2.4.41), 24 bytes. */
    static void standard(Smb2Writer w, FileAttributes a, boolean deletePending) {
        w.u64(Smb2Times.allocation(a)); // AllocationSize
        w.u64(a.isDirectory() ? 0 : a.size()); // EndOfFile
        w.u32(Math.max(1, a.isDirectory() ? 1 : a.nlink())); // NumberOfLinks
        w.u8(deletePending ? 1 : 0); // DeletePending
        w.u8(a.isDirectory() ? 1 : 0); // Directory
        w.u16(0); // Reserved
    }

    /** FileNetworkOpenInformation (2.4.29), 56 bytes. */
    static void networkOpen(Smb2Writer w, FileAttributes a) {
        Smb2Times.networkOpen(a).encode(w);
        w.u32(0); // Reserved
    }

    /** FileAllInformation (2.4.2): basic, standard, internal, EA, access, position, mode, alignment, name. */
    static void all(Smb2Writer w, FileAttributes a, boolean deletePending, int access, long position, String name) {
        basic(w, a);
        standard(w, a, deletePending);
        w.u64(a.id().value()); // InternalInformation.IndexNumber
        w.u32(0); // EaInformation.EaSize
        w.u32(access); // AccessInformation.AccessFlags
        w.u64(position); // PositionInformation.CurrentByteOffset
        w.u32(0); // ModeInformation.Mode
        w.u32(0); // AlignmentInformation.AlignmentRequirement
        name(w, name);
    }

    /** FileNameInformation (2.4.27). */
    static void name(Smb2Writer w, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        w.u32(n.length); // FileNameLength
        w.bytes(n); // FileName
    }

    /** FileStreamInformation (2.4.43): the default data stream of a file; nothing for a directory. */
    static void stream(Smb2Writer w, FileAttributes a) {
        if (a.isDirectory()) {
            return;
        }
        byte[] n = "::$DATA".getBytes(StandardCharsets.UTF_16LE);
        w.u32(0); // NextEntryOffset
        w.u32(n.length); // StreamNameLength
        w.u64(a.size()); // StreamSize
        w.u64(Smb2Times.allocation(a)); // StreamAllocationSize
        w.bytes(n); // StreamName
    }

    /** FileFsVolumeInformation (2.5.9). */
    static void fsVolume(Smb2Writer w, String label) {
        byte[] l = label.getBytes(StandardCharsets.UTF_16LE);
        w.u64(0); // VolumeCreationTime
        w.u32(label.hashCode()); // VolumeSerialNumber
        w.u32(l.length); // VolumeLabelLength
        w.u8(0); // SupportsObjects
        w.u8(0); // Reserved
        w.bytes(l); // VolumeLabel
    }

    /** FileFsSizeInformation (2.5.8). */
    static void fsSize(Smb2Writer w, FsStats s) {
        w.u64(s.totalBytes() / CLUSTER); // TotalAllocationUnits
        w.u64(s.freeBytes() / CLUSTER); // AvailableAllocationUnits
        w.u32(CLUSTER / SECTOR); // SectorsPerAllocationUnit
        w.u32(SECTOR); // BytesPerSector
    }

    /** FileFsFullSizeInformation (2.5.4). */
    static void fsFullSize(Smb2Writer w, FsStats s) {
        w.u64(s.totalBytes() / CLUSTER); // TotalAllocationUnits
        w.u64(s.freeBytes() / CLUSTER); // CallerAvailableAllocationUnits
        w.u64(s.freeBytes() / CLUSTER); // ActualAvailableAllocationUnits
        w.u32(CLUSTER / SECTOR); // SectorsPerAllocationUnit
        w.u32(SECTOR); // BytesPerSector
    }

    /** FileFsDeviceInformation (2.5.10): FILE_DEVICE_DISK. */
    static void fsDevice(Smb2Writer w) {
        w.u32(0x7); // DeviceType
        w.u32(0x20); // Characteristics: FILE_DEVICE_IS_MOUNTED
    }

    /** FileFsAttributeInformation (2.5.1): case-preserving, Unicode names, "NTFS". */
    static void fsAttribute(Smb2Writer w) {
        byte[] n = "NTFS".getBytes(StandardCharsets.UTF_16LE);
        w.u32(0x2 | 0x4); // FileSystemAttributes: CASE_PRESERVED_NAMES, UNICODE_ON_DISK
        w.u32(255); // MaximumComponentNameLength
        w.u32(n.length); // FileSystemNameLength
        w.bytes(n); // FileSystemName
    }

    /** FileFsSectorSizeInformation (2.5.7). */
    static void fsSectorSize(Smb2Writer w) {
        w.u32(SECTOR); // LogicalBytesPerSector
        w.u32(SECTOR); // PhysicalBytesPerSectorForAtomicity
        w.u32(SECTOR); // PhysicalBytesPerSectorForPerformance
        w.u32(SECTOR); // FileSystemEffectivePhysicalBytesPerSectorForAtomicity
        w.u32(0); // Flags
        w.u32(0); // ByteOffsetForSectorAlignment
        w.u32(0); // ByteOffsetForPartitionAlignment
    }
}
