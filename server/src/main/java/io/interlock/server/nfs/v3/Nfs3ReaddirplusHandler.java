package io.interlock.server.nfs.v3;

import io.interlock.server.nfs.v3.message.ReaddirplusArgs;
import io.interlock.server.nfs.v3.message.ReaddirplusRes;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.nfs.v3.xdr.PostOpFh3;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * READDIRPLUS (RFC 1813 §3.3.17): {@code maxcount} bounds the whole encoded resok (capped at 1
 * MiB), {@code dircount} the entries' fileid + name + cookie only (0 is read as "no separate
 * limit", which some clients send). Every reply carries at least one entry or eof=TRUE; when not
 * even one entry fits either budget → TOOSMALL (R-NFS-10). "." and ".." come first (see {@link Nfs3Listing}).
 */
final class Nfs3ReaddirplusHandler implements Nfs3Handler<ReaddirplusArgs> {
    private final Nfs3Context ctx;

    Nfs3ReaddirplusHandler(Nfs3Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<ReaddirplusRes> handle(Nfs3Call call, ReaddirplusArgs args) throws Exception {
        Nfs3Listing l = Nfs3Listing.open(ctx, call, args.dir());
        long budget = Math.min(args.maxcount(), Nfs3Context.MAX_IO) - Nfs3Listing.REPLY_OVERHEAD;
        long dirBudget = args.dircount() == 0 ? Long.MAX_VALUE : args.dircount();
        // the smallest entry takes 148 bytes with attributes and a 20-byte handle
        Nfs3Listing.Page page = l.page(args.cookie(), (int) Math.max(1, budget / 148 + 1));
        List<ReaddirplusRes.Entryplus3> fit = new ArrayList<>();
        long used = 0;
        long dirUsed = 0;
        for (Nfs3Listing.Item e : page.items()) {
            Nfs3Target obj = l.dir().with(e.id());
            ReaddirplusRes.Entryplus3 entry = new ReaddirplusRes.Entryplus3(
                    e.id().value(),
                    e.name(),
                    e.cookie(),
                    PostOpAttr.of(e.attributes(), obj.shareId()),
                    new PostOpFh3.Present(obj.handle()));
            if (used + entry.wireSize() > budget || dirUsed + entry.dirSize() > dirBudget) {
                break;
            }
            used += entry.wireSize();
            dirUsed += entry.dirSize();
            fit.add(entry);
        }
        if (fit.isEmpty() && !page.items().isEmpty()) {
            throw l.tooSmall("dircount " + args.dircount() + "/maxcount " + args.maxcount() + " cannot hold one entry");
        }
        boolean eof = fit.size() == page.items().size() && page.eof();
        return Nfs3Handler.done(new ReaddirplusRes(Nfs3Status.NFS3_OK, l.post(), Nfs3Listing.COOKIEVERF, fit, eof));
    }
}
