package io.interlock.server.smb2.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The small part of SPNEGO ([RFC 4178], [MS-SPNG]) an NTLM-only server needs: the NegTokenInit2
 * hint in the NEGOTIATE response, finding the NTLMSSP token in a client's NegTokenInit or
 * NegTokenResp, and building NegTokenResp answers. DER only, no general ASN.1.
 */
public final class Spnego {
    /** SPNEGO mechanism 1.3.6.1.5.5.2. */
    static final byte[] SPNEGO_OID = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};
    /** NTLMSSP mechanism 1.3.6.1.4.1.311.2.2.10. */
    static final byte[] NTLMSSP_OID = {0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0a};

    public static final int ACCEPT_COMPLETED = 0;
    public static final int ACCEPT_INCOMPLETE = 1;
    public static final int REJECT = 2;

    private Spnego() {}

    /** NegTokenInit2 listing NTLMSSP only, for the NEGOTIATE response security buffer. */
    public static byte[] negTokenInit2() {
        byte[] mechTypes = tlv(0x30, tlv(0x06, NTLMSSP_OID));
        byte[] hints = tlv(
                0x30, tlv(0xa0, tlv(0x1b, "not_defined_in_RFC4178@please_ignore".getBytes(StandardCharsets.US_ASCII))));
        byte[] init = tlv(0x30, concat(tlv(0xa0, mechTypes), tlv(0xa3, hints)));
        return tlv(0x60, concat(tlv(0x06, SPNEGO_OID), tlv(0xa0, init)));
    }

    /** NegTokenResp with the given state, optional mech, token and mechListMIC (null = absent). */
    public static byte[] negTokenResp(int negState, boolean withMech, byte[] token, byte[] mic) {
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        seq.writeBytes(tlv(0xa0, tlv(0x0a, new byte[] {(byte) negState})));
        if (withMech) {
            seq.writeBytes(tlv(0xa1, tlv(0x06, NTLMSSP_OID)));
        }
        if (token != null) {
            seq.writeBytes(tlv(0xa2, tlv(0x04, token)));
        }
        if (mic != null) {
            seq.writeBytes(tlv(0xa3, tlv(0x04, mic)));
        }
        return tlv(0xa1, tlv(0x30, seq.toByteArray()));
    }

    /**
     * The NTLMSSP message inside a SPNEGO token (or the token itself when a client sends raw
     * NTLMSSP). Returns null when none is found or the DER is malformed.
     */
    public static byte[] findNtlmToken(byte[] blob) {
        if (isNtlm(blob, 0, blob.length)) {
            return blob;
        }
        try {
            return scan(blob, 0, blob.length, 0);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static byte[] scan(byte[] b, int from, int to, int depth) {
        if (depth > 12) {
            return null;
        }
        int p = from;
        while (p + 2 <= to) {
            int tag = b[p] & 0xFF;
            int lenByte = b[p + 1] & 0xFF;
            int hdr = 2;
            int len;
            if (lenByte < 0x80) {
                len = lenByte;
            } else {
                int n = lenByte & 0x7F;
                if (n == 0 || n > 3) {
                    return null;
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = len << 8 | (b[p + 2 + i] & 0xFF);
                }
                hdr += n;
            }
            int vStart = p + hdr;
            int vEnd = vStart + len;
            if (vEnd > to || len < 0) {
                return null;
            }
            if (tag == 0x04 && isNtlm(b, vStart, len)) {
                byte[] out = new byte[len];
                System.arraycopy(b, vStart, out, 0, len);
                return out;
            }
            if ((tag & 0x20) != 0) {
                byte[] found = scan(b, vStart, vEnd, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            p = vEnd;
        }
        return null;
    }

    private static boolean isNtlm(byte[] b, int off, int len) {
        if (len < 12) {
            return false;
        }
        byte[] sig = NtlmMessages.SIGNATURE;
        for (int i = 0; i < sig.length; i++) {
            if (b[off + i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(value.length + 6);
        o.write(tag);
        int n = value.length;
        if (n < 0x80) {
            o.write(n);
        } else if (n < 0x100) {
            o.write(0x81);
            o.write(n);
        } else if (n < 0x10000) {
            o.write(0x82);
            o.write(n >> 8);
            o.write(n);
        } else {
            o.write(0x83);
            o.write(n >> 16);
            o.write(n >> 8);
            o.write(n);
        }
        o.writeBytes(value);
        return o.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
