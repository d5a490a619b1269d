package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * nlm4_testres (RFC 1813 §6.1.4; XNFS 10.14): {cookie, nlm4_testrply}, where the union carries a
 * holder only in its NLM4_DENIED arm.
 *
 * @param cookie the request's cookie, echoed
 * @param reply the union
 */
public record Nlm4TestRes(byte[] cookie, Reply reply) implements XdrEncodable {
    /** nlm4_testrply: switch (nlm4_stats stat). */
    public sealed interface Reply {
        Nlm4Stats stat();
    }

    /** case NLM4_DENIED: nlm4_holder holder. */
    public record Denied(Nlm4Holder holder) implements Reply {
        @Override
        public Nlm4Stats stat() {
            return Nlm4Stats.NLM4_DENIED;
        }
    }

    /** default: void. */
    public record Plain(Nlm4Stats stat) implements Reply {
        public Plain {
            if (stat == Nlm4Stats.NLM4_DENIED) {
                throw new IllegalArgumentException("NLM4_DENIED needs a holder");
            }
        }
    }

    public static Nlm4TestRes of(byte[] cookie, Nlm4Stats stat) {
        return new Nlm4TestRes(cookie, new Plain(stat));
    }

    public static Nlm4TestRes decode(XdrReader r) {
        // cookie (netobj)
        byte[] cookie = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        // stat (4 bytes)
        int code = r.readInt();
        Nlm4Stats s = Nlm4Stats.of(code);
        if (s == null) {
            throw new XdrException("unknown nlm4_stats " + code);
        }
        // holder (only for NLM4_DENIED)
        return new Nlm4TestRes(cookie, s == Nlm4Stats.NLM4_DENIED ? new Denied(Nlm4Holder.decode(r)) : new Plain(s));
    }

    @Override
    public void encode(XdrWriter w) {
        w.writeOpaque(cookie).writeInt(reply.stat().code());
        if (reply instanceof Denied d) {
            d.holder().encode(w);
        }
    }
}
