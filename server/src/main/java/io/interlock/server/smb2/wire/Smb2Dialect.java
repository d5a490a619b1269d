package io.interlock.server.smb2.wire;

/** SMB2 dialect revisions ([MS-SMB2] 2.2.3), in preference order (lowest first). */
public enum Smb2Dialect {
    SMB_2_0_2(0x0202),
    SMB_2_1(0x0210),
    SMB_3_0(0x0300),
    SMB_3_0_2(0x0302),
    SMB_3_1_1(0x0311);

    /** The "SMB 2.???" wildcard revision answered to a multi-protocol SMB1 NEGOTIATE. */
    public static final int WILDCARD = 0x02FF;

    private final int value;

    Smb2Dialect(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** Whether this dialect belongs to the SMB 3.x family (AES-CMAC signing, KDF). */
    public boolean isSmb3() {
        return value >= 0x0300;
    }

    public static Smb2Dialect of(int value) {
        for (Smb2Dialect d : values()) {
            if (d.value == value) {
                return d;
            }
        }
        return null;
    }
}
