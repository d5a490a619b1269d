package io.interlock.suite.smb;

import java.io.ByteArrayOutputStream;

/**
 * The two SPNEGO tokens ([RFC 4178] 4.2) the suite's client sends around its NTLM messages, and the
 * search for the NTLMSSP token in a server's answer. DER only, as little as that takes.
 */
final class SpnegoToken {
    private static final byte[] SPNEGO_OID = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};
    private static final byte[] NTLMSSP_OID = {0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0a};

    private SpnegoToken() {}

    /** InitialContextToken with a NegTokenInit offering NTLMSSP and carrying its first token. */
    static byte[] init(byte[] ntlmNegotiate) {
        byte[] mechTypes = tlv(0xa0, tlv(0x30, tlv(0x06, NTLMSSP_OID)));
        byte[] mechToken = tlv(0xa2, tlv(0x04, ntlmNegotiate));
        byte[] negTokenInit = tlv(0xa0, tlv(0x30, concat(mechTypes, mechToken)));
        return tlv(0x60, concat(tlv(0x06, SPNEGO_OID), negTokenInit));
    }

    /** NegTokenResp carrying the client's next token. */
    static byte[] response(byte[] ntlmToken) {
        return tlv(0xa1, tlv(0x30, tlv(0xa2, tlv(0x04, ntlmToken))));
    }

    /** The NTLMSSP message inside a SPNEGO blob (or the blob itself when it is one), or null. */
    static byte[] findNtlm(byte[] blob) {
        for (int i = 0; i + 8 <= blob.length; i++) {
            if (blob[i] == 'N'
                    && blob[i + 1] == 'T'
                    && blob[i + 2] == 'L'
                    && blob[i + 3] == 'M'
                    && blob[i + 4] == 'S'
                    && blob[i + 5] == 'S'
                    && blob[i + 6] == 'P'
                    && blob[i + 7] == 0) {
                // the OCTET STRING around it says how long it is; without one, take the rest
                int len = blob.length - i;
                if (i >= 2 && blob[i - 2] == 0x04 && (blob[i - 1] & 0x80) == 0) {
                    len = blob[i - 1];
                } else if (i >= 3 && blob[i - 3] == 0x04 && blob[i - 2] == (byte) 0x81) {
                    len = blob[i - 1] & 0xFF;
                } else if (i >= 4 && blob[i - 4] == 0x04 && blob[i - 3] == (byte) 0x82) {
                    len = (blob[i - 2] & 0xFF) << 8 | (blob[i - 1] & 0xFF);
                }
                byte[] out = new byte[Math.min(len, blob.length - i)];
                System.arraycopy(blob, i, out, 0, out.length);
                return out;
            }
        }
        return null;
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(value.length + 6);
        o.write(tag);
        int n = value.length;
        if (n < 0x80) {
            o.write(n);
        } else if (n < 0x100) {
            o.write(0x81);
            o.write(n);
        } else {
            o.write(0x82);
            o.write(n >> 8);
            o.write(n);
        }
        o.writeBytes(value);
        return o.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
