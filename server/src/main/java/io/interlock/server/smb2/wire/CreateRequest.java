package io.interlock.server.smb2.wire;

import java.util.ArrayList;
import java.util.List;

/** SMB2 CREATE Request ([MS-SMB2] 2.2.13) with its create contexts (2.2.13.2). */
public record CreateRequest(
        int requestedOplockLevel,
        int desiredAccess,
        int fileAttributes,
        int shareAccess,
        int createDisposition,
        int createOptions,
        String name,
        List<CreateContext> contexts) {

    public static final int OPLOCK_LEVEL_LEASE = 0xFF;
    public static final int FILE_SUPERSEDE = 0;
    public static final int FILE_OPEN = 1;
    public static final int FILE_CREATE = 2;
    public static final int FILE_OPEN_IF = 3;
    public static final int FILE_OVERWRITE = 4;
    public static final int FILE_OVERWRITE_IF = 5;
    public static final int FILE_DIRECTORY_FILE = 0x1;
    public static final int FILE_NON_DIRECTORY_FILE = 0x40;
    public static final int FILE_DELETE_ON_CLOSE = 0x1000;

    public static CreateRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 57, "CREATE");
        r.u8(); // SecurityFlags (1 byte)
        int oplock = r.u8(); // RequestedOplockLevel (1 byte)
        r.u32(); // ImpersonationLevel (4 bytes)
        r.u64(); // SmbCreateFlags (8 bytes)
        r.u64(); // Reserved (8 bytes)
        int access = r.u32(); // DesiredAccess (4 bytes)
        int attrs = r.u32(); // FileAttributes (4 bytes)
        int share = r.u32(); // ShareAccess (4 bytes)
        int disposition = r.u32(); // CreateDisposition (4 bytes)
        int options = r.u32(); // CreateOptions (4 bytes)
        int nameOff = r.u16(); // NameOffset (2 bytes)
        int nameLen = r.u16(); // NameLength (2 bytes)
        int ctxOff = r.u32Length("CreateContextsOffset"); // CreateContextsOffset (4 bytes)
        int ctxLen = r.u32Length("CreateContextsLength"); // CreateContextsLength (4 bytes)
        if (disposition < 0 || disposition > FILE_OVERWRITE_IF) {
            throw Smb2ProtocolException.invalid("CreateDisposition " + disposition);
        }
        String name = r.utf16At(nameOff, nameLen);
        List<CreateContext> contexts = new ArrayList<>();
        if (ctxLen > 0) {
            byte[] all = r.bufferAt(ctxOff, ctxLen);
            Smb2Reader cr = Smb2Reader.of(all);
            int at = 0;
            while (true) {
                cr.seek(at);
                int next = cr.u32Length("Next"); // Next (4 bytes)
                int nOff = cr.u16(); // NameOffset (2 bytes)
                int nLen = cr.u16(); // NameLength (2 bytes)
                cr.u16(); // Reserved (2 bytes)
                int dOff = cr.u16(); // DataOffset (2 bytes)
                int dLen = cr.u32Length("DataLength"); // DataLength (4 bytes)
                byte[] cname = cr.bufferAt(at + nOff, nLen);
                byte[] data = dLen == 0 ? new byte[0] : cr.bufferAt(at + dOff, dLen);
                contexts.add(new CreateContext(new String(cname, java.nio.charset.StandardCharsets.ISO_8859_1), data));
                if (next == 0) {
                    break;
                }
                if (next < 16 || (next & 7) != 0 || at + (long) next >= all.length) {
                    throw Smb2ProtocolException.invalid("bad create context Next " + next);
                }
                at += next;
            }
        }
        return new CreateRequest(oplock, access, attrs, share, disposition, options, name, List.copyOf(contexts));
    }

    /** The first context of that 4-character name, or null. */
    public CreateContext context(String tag) {
        for (CreateContext c : contexts) {
            if (c.name().equals(tag)) {
                return c;
            }
        }
        return null;
    }

    /** A create context ([MS-SMB2] 2.2.13.2): name (e.g. "RqLs", "MxAc") and raw data. */
    public record CreateContext(String name, byte[] data) {}
}
