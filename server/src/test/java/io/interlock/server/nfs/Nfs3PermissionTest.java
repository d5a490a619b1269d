package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.nfs.v3.Nfs3PermissionMode;
import io.interlock.server.nfs.v3.Nfs3Permissions;
import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.Nfs3Xdr;
import io.interlock.server.nfs.v3.xdr.Fattr3;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.runtime.BreakPolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The export permission model: AUTH_SYS ownership of new objects, ACCESS and refusals from mode bits. */
class Nfs3PermissionTest {
    private static final int ALL = 0x3F;
    private final AtomicInteger xid = new AtomicInteger(50_000);
    private Nfs3Harness h;

    @AfterEach
    void tearDown() {
        h.close();
    }

    private Nfs3Ops as(int uid, int gid) {
        RpcCredential cred = new RpcCredential.Sys(1, "perm", uid, gid, List.of());
        return new Nfs3Ops((prog, vers, proc, args) -> h.start(xid.incrementAndGet(), cred, prog, vers, proc, args)
                .orTimeout(10, TimeUnit.SECONDS)
                .join());
    }

    private Fattr3 attrs(byte[] fh) throws Exception {
        Nfs3Ops.Res r = as(0, 0).call(1, w -> w.writeOpaque(fh));
        assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
        return Fattr3.decode(r.body());
    }

    private int access(Nfs3Ops who, byte[] fh, int asked) throws Exception {
        Nfs3Ops.Res r = who.call(4, w -> w.writeOpaque(fh).writeInt(asked));
        assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
        io.interlock.server.nfs.v3.xdr.PostOpAttr.decode(r.body());
        return r.body().readInt();
    }

    private Nfs3Ops.Res setattr(Nfs3Ops who, byte[] fh, SetAttributes s) throws Exception {
        return who.call(2, w -> {
            w.writeOpaque(fh);
            Nfs3Xdr.writeSattr3(w, s);
            w.writeBoolean(false);
        });
    }

    @Test
    void newObjects_getTheCallersUidAndGid_unlessSattr3SetsThem() throws Exception {
        h = new Nfs3Harness(BreakPolicy.WAIT, Nfs3PermissionMode.UNIX);
        byte[] pub = as(0, 0).mkdir(h.root, "pub");
        assertThat(setattr(as(0, 0), pub, SetAttributes.mode(0777)).status()).isEqualTo(Nfs3Status.NFS3_OK);
        byte[] f = as(1000, 100).create(pub, "mine");
        assertThat(attrs(f).uid()).isEqualTo(1000);
        assertThat(attrs(f).gid()).isEqualTo(100);
        byte[] d = as(1000, 100).mkdir(pub, "dir");
        assertThat(attrs(d).uid()).isEqualTo(1000);
        SetAttributes explicit = new SetAttributes(null, 5, 6, null, null, null, null, null);
        Nfs3Ops.Res r = as(0, 0).createRes(pub, "given", 1, explicit, null);
        assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
        r.body().readBoolean();
        Fattr3 given = attrs(r.body().readOpaque(64));
        assertThat(given.uid()).isEqualTo(5);
        assertThat(given.gid()).isEqualTo(6);
    }

    @Test
    void modeBits_refuseOtherUsers_withAcces_andRootMayDoAllButExecute() throws Exception {
        h = new Nfs3Harness(BreakPolicy.WAIT, Nfs3PermissionMode.UNIX);
        Nfs3Ops root = as(0, 0);
        Nfs3Ops owner = as(1000, 100);
        Nfs3Ops other = as(2000, 200);
        // root's directory 0755: nobody else may add or remove entries
        assertThat(other.createRes(h.root, "x", 1, SetAttributes.NONE, null).status())
                .isEqualTo(Nfs3Status.NFS3ERR_ACCES);
        byte[] f = root.create(h.root, "f");
        assertThat(setattr(root, f, new SetAttributes(0644, 1000, 100, null, null, null, null, null))
                        .status())
                .isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(other.removeRes(h.root, "f").status()).isEqualTo(Nfs3Status.NFS3ERR_ACCES);
        assertThat(root.lookupRes(h.root, "f").status()).isEqualTo(Nfs3Status.NFS3_OK);

        assertThat(other.writeRes(f, 0, new byte[] {1}, 2).status()).isEqualTo(Nfs3Status.NFS3ERR_ACCES);
        assertThat(owner.writeRes(f, 0, new byte[] {1}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(root.writeRes(f, 1, new byte[] {2}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(attrs(f).size()).isEqualTo(2);
        assertThat(other.readRes(f, 0, 10).status()).isEqualTo(Nfs3Status.NFS3_OK); // 0644: o+r

        assertThat(setattr(other, f, SetAttributes.mode(0777)).status()).isEqualTo(Nfs3Status.NFS3ERR_PERM);
        assertThat(setattr(other, f, SetAttributes.size(0)).status()).isEqualTo(Nfs3Status.NFS3ERR_ACCES);
        assertThat(setattr(owner, f, new SetAttributes(null, 2000, null, null, null, null, null, null))
                        .status())
                .as("chown is root's")
                .isEqualTo(Nfs3Status.NFS3ERR_PERM);
        assertThat(attrs(f).size()).isEqualTo(2);
        assertThat(attrs(f).mode()).isEqualTo(0644);

        int r = Nfs3Permissions.ACCESS3_READ;
        int modify = Nfs3Permissions.ACCESS3_MODIFY | Nfs3Permissions.ACCESS3_EXTEND;
        assertThat(access(other, f, ALL)).isEqualTo(r);
        // no DELETE on a file, even for its owner: RFC 1813 §3.3.4 defines ACCESS3_DELETE as
        // deleting a directory entry, so only directories report it (as knfsd and ganesha do; a
        // file's removal is its directory's MODIFY). Earlier versions reported it on files too.
        assertThat(access(owner, f, ALL)).isEqualTo(r | modify);
        assertThat(access(root, f, ALL) & Nfs3Permissions.ACCESS3_DELETE).isZero();
        assertThat(access(root, h.root, ALL) & Nfs3Permissions.ACCESS3_DELETE)
                .isEqualTo(Nfs3Permissions.ACCESS3_DELETE);
        assertThat(access(root, f, ALL) & Nfs3Permissions.ACCESS3_EXECUTE)
                .as("no x bit at all")
                .isZero();
        assertThat(access(root, f, ALL) & modify).isEqualTo(modify);
        assertThat(setattr(owner, f, SetAttributes.mode(0744)).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(access(root, f, Nfs3Permissions.ACCESS3_EXECUTE)).isEqualTo(Nfs3Permissions.ACCESS3_EXECUTE);
        assertThat(access(other, f, Nfs3Permissions.ACCESS3_EXECUTE)).isZero();
        assertThat(access(other, h.root, ALL)).isEqualTo(Nfs3Permissions.ACCESS3_READ | Nfs3Permissions.ACCESS3_LOOKUP);
    }

    @Test
    void allowAll_export_letsEveryoneDoEverything() throws Exception {
        h = new Nfs3Harness(BreakPolicy.WAIT, Nfs3PermissionMode.ALLOW_ALL);
        Nfs3Ops other = as(2000, 200);
        byte[] f = as(0, 0).create(h.root, "f");
        assertThat(setattr(as(0, 0), f, SetAttributes.mode(0600)).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(other.writeRes(f, 0, new byte[] {1}, 2).status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(other.create(h.root, "g")).isNotEmpty();
        // every bit a file can carry: LOOKUP and DELETE are directory bits (RFC 1813 §3.3.4)
        assertThat(access(other, f, ALL))
                .isEqualTo(ALL & ~Nfs3Permissions.ACCESS3_LOOKUP & ~Nfs3Permissions.ACCESS3_DELETE);
        assertThat(access(other, h.root, ALL)).isEqualTo(ALL & ~Nfs3Permissions.ACCESS3_EXECUTE);
    }
}
