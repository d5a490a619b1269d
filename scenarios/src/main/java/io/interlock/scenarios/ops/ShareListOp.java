package io.interlock.scenarios.ops;

import java.util.List;

/**
 * {@code share.list}: the target's disk shares as a client that opens a new srvsvc pipe sees them
 * (NetShareEnumAll, [MS-SRVS] 3.1.4.8; R-CACHE-1/2): {@code share} must be listed or not.
 *
 * @param share the share name
 * @param present whether it must be listed (null: no hand-written expectation; the reference model
 *     judges the listing)
 * @param peer who lists: {@code srvsvc} (the engine's own srvsvc client, the default) or {@code
 *     smbclient} (Samba's {@code smbclient -L}, an outside peer; skipped where it is not installed)
 */
public record ShareListOp(String share, Boolean present, String peer) implements EngineOp {

    @Override
    public void validate(OpCheck check) {
        check.require(share != null && !share.isBlank(), "needs a share name");
        check.require(
                peer == null || peer.equals("srvsvc") || peer.equals("smbclient"), "peer must be srvsvc or smbclient");
    }

    @Override
    public OpResult run(OpContext ctx) throws Exception {
        List<String> disks = ctx.listShares("smbclient".equals(peer));
        boolean listed = disks.contains(share);
        String detail = "disk shares " + disks;
        if (present != null && listed != present) {
            throw new OpCheckFailed(share + (listed ? " is listed" : " is not listed") + ", expected it "
                    + (present ? "listed" : "absent") + "; " + detail);
        }
        return OpResult.value(List.copyOf(disks), detail);
    }

    @Override
    public String describe() {
        return "share=" + share + (present == null ? "" : present ? " listed" : " not listed");
    }
}
