package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * nlm4_res (RFC 1813 §6.1.4; XNFS 10.14): result of LOCK, CANCEL, UNLOCK, GRANTED and the
 * arguments of their _RES calls. It has no holder: only TEST reports one.
 *
 * @param cookie the request's cookie, echoed
 * @param stat the status
 */
public record Nlm4Res(byte[] cookie, Nlm4Stats stat) implements XdrEncodable {
    public static Nlm4Res decode(XdrReader r) {
        // cookie (netobj)
        byte[] cookie = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        // stat (4 bytes, nlm4_stats)
        int code = r.readInt();
        Nlm4Stats s = Nlm4Stats.of(code);
        if (s == null) {
            throw new XdrException("unknown nlm4_stats " + code);
        }
        return new Nlm4Res(cookie, s);
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeOpaque(cookie).writeInt(stat.code());
    }
}
