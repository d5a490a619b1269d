package io.interlock.server.nfs.v3;

import io.interlock.server.nfs.v3.message.ReaddirArgs;
import io.interlock.server.nfs.v3.message.ReaddirRes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * READDIR (RFC 1813 §3.3.16): {@code count} bounds the whole encoded resok (capped at 1 MiB).
 * Every reply carries at least one entry or eof=TRUE; when not even one entry fits → TOOSMALL
 * (R-NFS-10). "." and ".." come first. See {@link Nfs3Listing} for cookies.
 */
final class Nfs3ReaddirHandler implements Nfs3Handler<ReaddirArgs> {
    private final Nfs3Context ctx;

    Nfs3ReaddirHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<ReaddirRes> handle(Nfs3Call call, ReaddirArgs args) throws Exception {
        Nfs3Listing l = Nfs3Listing.open(ctx, call, args.dir());
        long budget = Math.min(args.count(), Nfs3Context.MAX_IO) - Nfs3Listing.REPLY_OVERHEAD;
        // the smallest entry takes 28 bytes: ask for one more than could fit, to learn eof
        Nfs3Listing.Page page = l.page(args.cookie(), (int) Math.max(1, budget / 28 + 1));
        List<ReaddirRes.Entry3> fit = new ArrayList<>();
        long used = 0;
        for (Nfs3Listing.Item e : page.items()) {
            ReaddirRes.Entry3 entry = new ReaddirRes.Entry3(e.id().value(), e.name(), e.cookie());
            if (used + entry.wireSize() > budget) {
                break;
            }
            used += entry.wireSize();
            fit.add(entry);
        }
        if (fit.isEmpty() && !page.items().isEmpty()) {
            throw l.tooSmall("count " + args.count() + " cannot hold one entry");
        }
        boolean eof = fit.size() == page.items().size() && page.eof();
        return Nfs3Handler.done(new ReaddirRes(Nfs3Status.NFS3_OK, l.post(), Nfs3Listing.COOKIEVERF, fit, eof));
    }
}
