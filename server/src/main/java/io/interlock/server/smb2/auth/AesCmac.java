package io.interlock.server.smb2.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-CMAC (RFC 4493), streaming, on the JDK's AES: CBC with a zero IV over every block but
 * the last, then the last block masked with subkey K1 (complete) or padded and masked with K2. The
 * JDK's AES runs on the CPU's AES instructions, so signing a 1 MiB READ response costs about a
 * millisecond, where BouncyCastle's portable AES took several (issue 11's profile: 20% of the
 * SMB server's samples in {@code AESEngine.encryptBlock}). One instance per key, reused message
 * after message ({@link #doFinal} starts the next); not thread-safe.
 */
final class AesCmac {
    private static final int BLOCK = 16;
    /** Bytes passed to the cipher at once: bounds the scratch output the CBC pass writes. */
    private static final int CHUNK = 16 * 1024;

    private final Cipher cbc;
    private final byte[] k1 = new byte[BLOCK];
    private final byte[] k2 = new byte[BLOCK];
    /** The last bytes seen, not yet chained: up to one block, kept until more data shows it is not the last. */
    private final byte[] pending = new byte[BLOCK];

    private int pendingLength;
    private byte[] scratch = new byte[BLOCK];

    AesCmac(byte[] key) {
        try {
            SecretKeySpec k = new SecretKeySpec(key, "AES");
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, k);
            byte[] l = ecb.doFinal(new byte[BLOCK]);
            subkey(l, k1);
            subkey(k1, k2);
            cbc = Cipher.getInstance("AES/CBC/NoPadding");
            cbc.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[BLOCK]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    /** RFC 4493 §2.3: the input shifted left one bit, XOR 0x87 into the last byte if its top bit was set. */
    private static void subkey(byte[] in, byte[] out) {
        int carry = 0;
        for (int i = BLOCK - 1; i >= 0; i--) {
            int b = in[i] & 0xFF;
            out[i] = (byte) ((b << 1) | carry);
            carry = b >>> 7;
        }
        if ((in[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= (byte) 0x87;
        }
    }

    void update(byte[] in, int off, int len) {
        update(ByteBuffer.wrap(in, off, len));
    }

    /** Adds {@code in}'s remaining bytes (its position is left alone). */
    void update(ByteBuffer in) {
        ByteBuffer src = in.duplicate();
        // fill the pending block first
        if (pendingLength < BLOCK) {
            int k = Math.min(BLOCK - pendingLength, src.remaining());
            src.get(pending, pendingLength, k);
            pendingLength += k;
        }
        if (!src.hasRemaining()) {
            return;
        }
        // more follows, so the pending block is not the last: chain it
        chain(ByteBuffer.wrap(pending, 0, BLOCK));
        pendingLength = 0;
        // chain whole blocks, always keeping 1..16 bytes back as the possible last block
        int bulk = (src.remaining() - 1) / BLOCK * BLOCK;
        if (bulk > 0) {
            ByteBuffer blocks = src.duplicate();
            blocks.limit(blocks.position() + bulk);
            chain(blocks);
            src.position(src.position() + bulk);
        }
        int rest = src.remaining();
        src.get(pending, 0, rest);
        pendingLength = rest;
    }

    private void chain(ByteBuffer blocks) {
        try {
            while (blocks.hasRemaining()) {
                int n = Math.min(CHUNK, blocks.remaining());
                if (scratch.length < n) {
                    scratch = new byte[CHUNK];
                }
                ByteBuffer part = blocks.duplicate();
                part.limit(part.position() + n);
                cbc.update(part, ByteBuffer.wrap(scratch, 0, n));
                blocks.position(blocks.position() + n);
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 16-byte tag. */
    byte[] doFinal() {
        byte[] last = new byte[BLOCK];
        if (pendingLength == BLOCK) {
            for (int i = 0; i < BLOCK; i++) {
                last[i] = (byte) (pending[i] ^ k1[i]);
            }
        } else {
            System.arraycopy(pending, 0, last, 0, pendingLength);
            last[pendingLength] = (byte) 0x80;
            for (int i = 0; i < BLOCK; i++) {
                last[i] ^= k2[i];
            }
        }
        pendingLength = 0;
        try {
            // doFinal also puts the CBC pass back to its zero IV, ready for the next message
            return cbc.doFinal(last);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
