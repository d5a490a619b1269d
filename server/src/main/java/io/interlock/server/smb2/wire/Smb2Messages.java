package io.interlock.server.smb2.wire;

/** Helpers shared by the message codecs. */
final class Smb2Messages {
    private Smb2Messages() {}

    static void structureSize(Smb2Reader r, int expected, String what) throws Smb2ProtocolException {
        int s = r.u16();
        if (s != expected) {
            throw Smb2ProtocolException.invalid(what + " StructureSize " + s + " != " + expected);
        }
    }
}
