package io.interlock.server.smb2.session;

import io.interlock.server.smb2.auth.NtlmAuthenticator;
import io.interlock.server.smb2.auth.Smb2Signer;
import io.interlock.server.smb2.auth.Smb2Signing;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SMB2 session ([MS-SMB2] 3.3.1.8). Mutated only on its connection's lane; fields are volatile
 * for the lane's thread hops.
 */
public final class Smb2Session {
    private final long id;
    private final Map<Integer, Smb2Tree> trees = new ConcurrentHashMap<>();
    private final AtomicInteger treeIds = new AtomicInteger();

    private volatile boolean valid;
    private volatile NtlmAuthenticator ntlm;
    private volatile String user;
    private volatile boolean guest;
    private volatile byte[] signingKey;
    private volatile Smb2Signing.Algorithm signingAlgorithm;
    /** Signs with {@link #signingKey}, its key set up once per session; null when that is null. */
    private volatile Smb2Signer signer;

    private volatile boolean signingRequired;
    private volatile byte[] preauthHash;
    private volatile byte[] encryptionKey;
    private volatile byte[] decryptionKey;
    private volatile boolean encryptData;
    /** The counter part of encryption nonces: unique per message under one key. */
    private final java.util.concurrent.atomic.AtomicLong nonces = new java.util.concurrent.atomic.AtomicLong();

    public Smb2Session(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    public boolean valid() {
        return valid;
    }

    public NtlmAuthenticator ntlm() {
        return ntlm;
    }

    public void ntlm(NtlmAuthenticator a) {
        ntlm = a;
    }

    /** Marks the session established ([MS-SMB2] 3.3.5.5.3). A null key means no signing (guest). */
    public void establish(String userName, boolean isGuest, byte[] key, Smb2Signing.Algorithm alg, boolean required) {
        user = userName;
        guest = isGuest;
        signingKey = key;
        signingAlgorithm = alg;
        signer = key == null ? null : new Smb2Signer(alg, key);
        signingRequired = required && key != null;
        ntlm = null;
        valid = true;
    }

    public String user() {
        return user;
    }

    public boolean guest() {
        return guest;
    }

    /** The signing key, or null when the session cannot sign (guest, anonymous, in progress). */
    public byte[] signingKey() {
        return signingKey;
    }

    /** Signs and verifies with the signing key; null when {@link #signingKey} is null. */
    public Smb2Signer signer() {
        return signer;
    }

    public Smb2Signing.Algorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    public boolean signingRequired() {
        return signingRequired;
    }

    /**
     * Sets Session.EncryptionKey (server to client) and Session.DecryptionKey (client to server),
     * and whether every message of the session must be encrypted (Session.EncryptData).
     */
    public void encryption(byte[] serverOut, byte[] serverIn, boolean required) {
        encryptionKey = serverOut;
        decryptionKey = serverIn;
        encryptData = required;
    }

    /** The key the server encrypts with, or null when the session cannot encrypt. */
    public byte[] encryptionKey() {
        return encryptionKey;
    }

    /** The key the server decrypts with, or null. */
    public byte[] decryptionKey() {
        return decryptionKey;
    }

    public boolean encryptData() {
        return encryptData;
    }

    /** A fresh nonce of {@code length} bytes: a message counter, then random bytes. */
    public byte[] nextNonce(int length) {
        byte[] n = new byte[length];
        long c = nonces.incrementAndGet();
        for (int i = 0; i < 8; i++) {
            n[i] = (byte) (c >>> (8 * i));
        }
        byte[] r = new byte[length - 8];
        NONCE_RANDOM.nextBytes(r);
        System.arraycopy(r, 0, n, 8, r.length);
        return n;
    }

    private static final java.security.SecureRandom NONCE_RANDOM = new java.security.SecureRandom();

    public byte[] preauthHash() {
        return preauthHash;
    }

    public void preauthHash(byte[] h) {
        preauthHash = h;
    }

    public Map<Integer, Smb2Tree> trees() {
        return trees;
    }

    public int nextTreeId() {
        return treeIds.incrementAndGet();
    }
}
