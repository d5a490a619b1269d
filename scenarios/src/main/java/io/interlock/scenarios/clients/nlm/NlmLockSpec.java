package io.interlock.scenarios.clients.nlm;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The nlm4_lock of a request, without caller_name (the client adds its own): file handle, owner
 * handle, svid and the range. Linux uses oh = "&lt;pid&gt;@&lt;nodename&gt;" and svid = pid.
 *
 * @param fh the NFSv3 file handle
 * @param oh owner handle
 * @param svid owner process id
 * @param offset first byte (unsigned)
 * @param length bytes (unsigned), 0 = to the end of any file
 */
public record NlmLockSpec(byte[] fh, byte[] oh, int svid, long offset, long length) {
    /** A Linux-style owner: svid = pid, oh = "pid@host". */
    public static NlmLockSpec of(byte[] fh, int pid, String host, long offset, long length) {
        return new NlmLockSpec(fh, (pid + "@" + host).getBytes(StandardCharsets.US_ASCII), pid, offset, length);
    }

    public NlmLockSpec range(long off, long len) {
        return new NlmLockSpec(fh, oh, svid, off, len);
    }

    void encode(XdrOut o, String callerName) {
        // nlm4_lock: caller_name, fh, oh, svid, l_offset, l_len
        o.string(callerName).opaque(fh).opaque(oh).int32(svid).hyper(offset).hyper(length);
    }

    static NlmLockSpec decode(XdrIn in, String[] callerOut) {
        callerOut[0] = in.string(1024);
        return new NlmLockSpec(in.opaque(1024), in.opaque(1024), in.int32(), in.hyper(), in.hyper());
    }

    boolean sameAs(NlmLockSpec o) {
        return Arrays.equals(fh, o.fh)
                && Arrays.equals(oh, o.oh)
                && svid == o.svid
                && offset == o.offset
                && length == o.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NlmLockSpec l && sameAs(l);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fh) * 31 + Arrays.hashCode(oh) + svid + Long.hashCode(offset ^ length);
    }

    @Override
    public String toString() {
        return "lock{svid=" + svid + " oh=" + HexFormat.of().formatHex(oh) + " " + Long.toUnsignedString(offset) + "+"
                + Long.toUnsignedString(length) + "}";
    }
}
