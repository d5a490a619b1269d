package io.interlock.server.smb2.auth;

/** SMB 3.x encryption ciphers ([MS-SMB2] 2.2.3.1.2), with their wire ids. */
public enum Smb2Cipher {
    AES_128_CCM(0x0001, 16, 11),
    AES_128_GCM(0x0002, 16, 12),
    AES_256_CCM(0x0003, 32, 11),
    AES_256_GCM(0x0004, 32, 12);

    private final int id;
    private final int keyLength;
    private final int nonceLength;

    Smb2Cipher(int id, int keyLength, int nonceLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.nonceLength = nonceLength;
    }

    /** The CipherId on the wire. */
    public int id() {
        return id;
    }

    /** Key length in bytes (the KDF's L is 8 times this). */
    public int keyLength() {
        return keyLength;
    }

    /** Bytes of the transform header's 16-byte Nonce field the cipher uses (the rest is zero). */
    public int nonceLength() {
        return nonceLength;
    }

    public boolean gcm() {
        return this == AES_128_GCM || this == AES_256_GCM;
    }

    /** The cipher of a wire id, or null. */
    public static Smb2Cipher of(int id) {
        for (Smb2Cipher c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }
}
