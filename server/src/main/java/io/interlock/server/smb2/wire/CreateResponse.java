package io.interlock.server.smb2.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** SMB2 CREATE Response ([MS-SMB2] 2.2.14) with response create contexts (2.2.14.2). */
public record CreateResponse(
        int oplockLevel,
        int createAction,
        Smb2NetworkOpenInfo info,
        Smb2FileId fileId,
        List<CreateRequest.CreateContext> contexts)
        implements Smb2Response {

    public static final int FILE_SUPERSEDED = 0;
    public static final int FILE_OPENED = 1;
    public static final int FILE_CREATED = 2;
    public static final int FILE_OVERWRITTEN = 3;

    @Override
    public void encode(Smb2Writer w) {
        w.u16(89); // StructureSize (2 bytes)
        w.u8(oplockLevel); // OplockLevel (1 byte)
        w.u8(0); // Flags (1 byte)
        w.u32(createAction); // CreateAction (4 bytes)
        info.encode(w); // CreationTime .. FileAttributes (52 bytes)
        w.u32(0); // Reserved2 (4 bytes)
        fileId.encode(w); // FileId (16 bytes)
        if (contexts.isEmpty()) {
            w.u32(0); // CreateContextsOffset (4 bytes)
            w.u32(0); // CreateContextsLength (4 bytes)
            w.u8(0); // Buffer (variable, at least one byte)
            return;
        }
        int offAt = w.size();
        w.u32(0);
        w.u32(0);
        int start = w.size(); // header offset 152: 8-byte aligned
        for (int i = 0; i < contexts.size(); i++) {
            var c = contexts.get(i);
            int ctxStart = w.size();
            byte[] name = c.name().getBytes(StandardCharsets.ISO_8859_1);
            int dataOff = (16 + name.length + 7) & ~7;
            w.u32(0); // Next (4 bytes), patched
            w.u16(16); // NameOffset (2 bytes)
            w.u16(name.length); // NameLength (2 bytes)
            w.u16(0); // Reserved (2 bytes)
            w.u16(c.data().length == 0 ? 0 : dataOff); // DataOffset (2 bytes)
            w.u32(c.data().length); // DataLength (4 bytes)
            w.bytes(name); // Buffer: name, padding, data
            w.zeros(dataOff - 16 - name.length);
            w.bytes(c.data());
            if (i + 1 < contexts.size()) {
                w.align(8);
                w.putU32(ctxStart, w.size() - ctxStart);
            }
        }
        w.putU32(offAt, start);
        w.putU32(offAt + 4, w.size() - start);
    }
}
