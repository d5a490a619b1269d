package io.interlock.server.rpc;

import java.util.List;

/** The caller's credential (RFC 5531 §8.2, Appendix A). */
public sealed interface RpcCredential {
    int flavor();

    /** AUTH_NONE: no identity. */
    record None() implements RpcCredential {
        public static final None INSTANCE = new None();

        @Override
        public int flavor() {
            return Rpc.AUTH_NONE;
        }
    }

    /**
     * AUTH_SYS (RFC 5531 Appendix A).
     *
     * @param stamp arbitrary id the caller picked
     * @param machineName caller's host name, string<255>
     * @param uid caller's effective user id
     * @param gid caller's effective group id
     * @param gids supplementary groups, at most 16
     */
    record Sys(int stamp, String machineName, int uid, int gid, List<Integer> gids) implements RpcCredential {
        public Sys {
            gids = List.copyOf(gids);
        }

        @Override
        public int flavor() {
            return Rpc.AUTH_SYS;
        }

        /**
         * Decodes an authsys_parms body; a short body, a name over 255 bytes or more than 16 gids
         * is malformed (AUTH_BADCRED).
         */
        public static Sys decode(byte[] body) {
            XdrReader r = new XdrReader(body);
            // stamp (4 bytes)
            int stamp = r.readInt();
            // machinename string<255>
            String machine = r.readString(Rpc.MAX_MACHINE_NAME);
            // uid, gid (4 bytes each)
            int uid = r.readInt();
            int gid = r.readInt();
            // gids uint<16>
            long n = r.readUnsignedInt();
            if (n > Rpc.MAX_GIDS) {
                throw new XdrException(n + " gids (max 16)");
            }
            Integer[] gids = new Integer[(int) n];
            for (int i = 0; i < n; i++) {
                gids[i] = r.readInt();
            }
            return new Sys(stamp, machine, uid, gid, List.of(gids));
        }

        public void encode(XdrWriter w) {
            w.writeInt(stamp)
                    .writeString(machineName)
                    .writeInt(uid)
                    .writeInt(gid)
                    .writeInt(gids.size());
            for (int g : gids) {
                w.writeInt(g);
            }
        }
    }
}
