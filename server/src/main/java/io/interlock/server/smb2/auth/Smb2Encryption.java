package io.interlock.server.smb2.auth;

import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.Smb2Writer;
import io.interlock.server.smb2.wire.TransformHeader;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SMB 3.x message encryption ([MS-SMB2] 3.1.4.3): AES-CCM (JDK has none: BouncyCastle) or
 * AES-GCM (JDK) over the whole message, with the transform header from Nonce to SessionId as
 * associated data and the 16-byte tag in its Signature field.
 */
public final class Smb2Encryption {
    private Smb2Encryption() {}

    /** A message that does not decrypt: the connection is dropped (3.3.5.2.1.1). */
    public static final class DecryptException extends Exception {
        private static final long serialVersionUID = 1L;

        public DecryptException(String m) {
            super(m, null, false, false);
        }
    }

    /**
     * Encrypts {@code msg} for {@code sessionId}; {@code nonce} is the cipher's nonce length
     * (11 or 12 bytes) and must never repeat under one key. Returns transform header + ciphertext.
     */
    public static byte[] encrypt(Smb2Cipher c, byte[] key, long sessionId, byte[] nonce, byte[] msg) {
        if (nonce.length != c.nonceLength()) {
            throw new IllegalArgumentException("nonce of " + nonce.length + " bytes for " + c);
        }
        Smb2Writer w = new Smb2Writer(TransformHeader.SIZE + msg.length + 16);
        new TransformHeader(
                        new byte[16], Arrays.copyOf(nonce, 16), msg.length, TransformHeader.FLAG_ENCRYPTED, sessionId)
                .encode(w);
        byte[] header = w.toByteArray();
        byte[] aad = Arrays.copyOfRange(header, TransformHeader.AAD_OFFSET, TransformHeader.SIZE);
        byte[] sealed = aead(true, c, key, nonce, aad, msg); // ciphertext || tag
        byte[] out = new byte[TransformHeader.SIZE + msg.length];
        System.arraycopy(header, 0, out, 0, TransformHeader.SIZE);
        System.arraycopy(sealed, msg.length, out, 4, 16); // Signature = tag
        System.arraycopy(sealed, 0, out, TransformHeader.SIZE, msg.length);
        return out;
    }

    /** The transform header of an encrypted frame. */
    public static TransformHeader header(byte[] frame) throws DecryptException {
        try {
            return TransformHeader.decode(new Smb2Reader(frame, 0, Math.min(frame.length, TransformHeader.SIZE)));
        } catch (io.interlock.server.smb2.wire.Smb2ProtocolException e) {
            throw new DecryptException("short transform header");
        }
    }

    /** Decrypts and authenticates a transform-wrapped frame; returns the plain SMB2 message(s). */
    public static byte[] decrypt(Smb2Cipher c, byte[] key, byte[] frame) throws DecryptException {
        TransformHeader h = header(frame);
        int n = frame.length - TransformHeader.SIZE;
        if (h.flags() != TransformHeader.FLAG_ENCRYPTED || h.originalMessageSize() != n) {
            throw new DecryptException(
                    "transform flags " + h.flags() + ", size " + h.originalMessageSize() + " vs " + n);
        }
        byte[] aad = Arrays.copyOfRange(frame, TransformHeader.AAD_OFFSET, TransformHeader.SIZE);
        byte[] in = new byte[n + 16];
        System.arraycopy(frame, TransformHeader.SIZE, in, 0, n);
        System.arraycopy(h.signature(), 0, in, n, 16);
        try {
            return aead(false, c, key, Arrays.copyOf(h.nonce(), c.nonceLength()), aad, in);
        } catch (IllegalStateException e) {
            throw new DecryptException("authentication failed: " + e.getMessage());
        }
    }

    private static byte[] aead(boolean encrypt, Smb2Cipher c, byte[] key, byte[] nonce, byte[] aad, byte[] data) {
        if (c.gcm()) {
            try {
                Cipher g = Cipher.getInstance("AES/GCM/NoPadding");
                g.init(
                        encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                        new SecretKeySpec(key, "AES"),
                        new GCMParameterSpec(128, nonce));
                g.updateAAD(aad);
                return g.doFinal(data);
            } catch (javax.crypto.AEADBadTagException e) {
                throw new IllegalStateException("bad tag");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
            }
        }
        CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
        ccm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[ccm.getOutputSize(data.length)];
        try {
            int len = ccm.processBytes(data, 0, data.length, out, 0);
            len += ccm.doFinal(out, len);
            return len == out.length ? out : Arrays.copyOf(out, len);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("bad tag");
        }
    }
}
