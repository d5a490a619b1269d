package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrWriter;

/**
 * nlm4_shareres (XNFS 10.14): result of SHARE and UNSHARE.
 *
 * @param cookie the request's cookie, echoed
 * @param stat the status
 * @param sequence sequence number (unused, 0)
 */
public record Nlm4ShareRes(byte[] cookie, Nlm4Stats stat, int sequence) implements XdrEncodable {
    @Override
    public void encode(XdrWriter w) {
        // cookie (netobj), stat (4 bytes), sequence (4 bytes)
        w.writeOpaque(cookie).writeInt(stat.code()).writeInt(sequence);
    }
}
