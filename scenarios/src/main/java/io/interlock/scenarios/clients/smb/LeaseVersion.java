package io.interlock.scenarios.clients.smb;

/**
 * Which RqLs create-context payload is sent: v1 (32 bytes, [MS-SMB2] 2.2.13.2.8) or v2 (52 bytes,
 * 2.2.13.2.10, SMB 3.x only). The server tells them apart by DataLength alone.
 */
public enum LeaseVersion {
    V1(32),
    V2(52);

    private final int dataLength;

    LeaseVersion(int dataLength) {
        this.dataLength = dataLength;
    }

    public int dataLength() {
        return dataLength;
    }

    public static LeaseVersion ofDataLength(int length) {
        for (LeaseVersion v : values()) {
            if (v.dataLength == length) {
                return v;
            }
        }
        throw new IllegalArgumentException("RqLs DataLength " + length + " is neither 32 (v1) nor 52 (v2)");
    }

    public static LeaseVersion parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
