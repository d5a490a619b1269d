package io.interlock.server.nfs.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.nfs.v3.message.CreateArgs;
import io.interlock.server.nfs.v3.message.CreateRes;
import io.interlock.server.nfs.v3.message.ReaddirplusRes;
import io.interlock.server.nfs.v3.message.SetattrArgs;
import io.interlock.server.nfs.v3.message.WriteArgs;
import io.interlock.server.nfs.v3.xdr.CreateHow3;
import io.interlock.server.nfs.v3.xdr.DirOpArgs3;
import io.interlock.server.nfs.v3.xdr.Fattr3;
import io.interlock.server.nfs.v3.xdr.Nfstime3;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.nfs.v3.xdr.PostOpFh3;
import io.interlock.server.nfs.v3.xdr.PreOpAttr;
import io.interlock.server.nfs.v3.xdr.Sattr3;
import io.interlock.server.nfs.v3.xdr.SattrGuard3;
import io.interlock.server.nfs.v3.xdr.SetSize3;
import io.interlock.server.nfs.v3.xdr.SetUint32;
import io.interlock.server.nfs.v3.xdr.TimeHow;
import io.interlock.server.nfs.v3.xdr.WccAttr;
import io.interlock.server.nfs.v3.xdr.WccData;
import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** NFSv3 message records: hand-assembled wire vectors and encode/decode round trips (RFC 1813). */
class Nfs3MessageCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] bytes(Consumer<XdrWriter> enc) {
        XdrWriter w = new XdrWriter();
        enc.accept(w);
        return w.toByteArray();
    }

    @Test
    void sattr3_modeAndServerMtime_matchesWireVector() {
        // set_mode3 TRUE 0644, uid/gid/size not set, atime DONT_CHANGE, mtime SET_TO_SERVER_TIME
        String wire = "00000001" + "000001a4" + "00000000" + "00000000" + "00000000" + "00000000" + "00000001";
        Sattr3 s = Sattr3.decode(new XdrReader(HEX.parseHex(wire)));
        assertThat(s.mode()).isEqualTo(new SetUint32.Set(0644));
        assertThat(s.size()).isEqualTo(SetSize3.DONT_SET);
        assertThat(s.atime()).isEqualTo(TimeHow.DONT_CHANGE);
        assertThat(s.mtime()).isInstanceOf(TimeHow.SetToServerTime.class);
        assertThat(HEX.formatHex(bytes(s::encode))).isEqualTo(wire);
        assertThat(s.toSetAttributes(java.time.Instant.ofEpochSecond(77)).mtime())
                .isEqualTo(java.time.Instant.ofEpochSecond(77));
    }

    @Test
    void createArgs_exclusiveAsNfsClientJavaSendsIt_keepsTheFirstEightBytes() {
        // dir fh (4 bytes), name "x", EXCLUSIVE, then nfs-client-java's length word + 8 bytes (q4)
        String wire = "00000004" + "0a0b0c0d" + "00000001" + "78000000" + "00000002" + "00000008" + "4142434445464748";
        CreateArgs a = CreateArgs.decode(new XdrReader(HEX.parseHex(wire)));
        assertThat(a.where().nameString()).isEqualTo("x");
        assertThat(((CreateHow3.Exclusive) a.how()).verifier()).containsExactly(0, 0, 0, 8, 'A', 'B', 'C', 'D');
    }

    @Test
    void unions_badDiscriminant_areGarbage() {
        assertThatThrownBy(() -> TimeHow.decode(new XdrReader(HEX.parseHex("00000003"))))
                .isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> CreateHow3.decode(new XdrReader(HEX.parseHex("00000007"))))
                .isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> SetUint32.decode(new XdrReader(HEX.parseHex("00000002"))))
                .isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> WriteArgs.decode(new XdrReader(
                        HEX.parseHex("00000000" + "0".repeat(16) + "0".repeat(8) + "00000009" + "00000000"))))
                .isInstanceOf(XdrException.class);
    }

    @Test
    void setattrArgs_withGuard_roundTrips() {
        Sattr3 s = new Sattr3(
                SetUint32.DONT_SET,
                new SetUint32.Set(1000),
                new SetUint32.Set(100),
                new SetSize3.Set(1L << 40),
                new TimeHow.SetToClientTime(new Nfstime3(0xFFFFFFF0L, 999_999_999)),
                TimeHow.SERVER_TIME);
        SetattrArgs a = new SetattrArgs(new byte[] {1, 2, 3}, s, new SattrGuard3.Check(new Nfstime3(5, 6)));
        byte[] wire = bytes(a::encode);
        SetattrArgs back = SetattrArgs.decode(new XdrReader(wire));
        assertThat(back.newAttributes()).isEqualTo(s);
        assertThat(back.guard()).isEqualTo(a.guard());
        assertThat(bytes(back::encode)).isEqualTo(wire);
    }

    @Test
    void createRes_okAndFailureArms_roundTrip() {
        Fattr3 f = new Fattr3(
                1, 0644, 1, 0, 0, 3, 4096, 0, 0, 7, 42, new Nfstime3(1, 2), new Nfstime3(3, 4), new Nfstime3(5, 6));
        WccData wcc = new WccData(
                new PreOpAttr.Present(new WccAttr(0, new Nfstime3(1, 1), new Nfstime3(2, 2))),
                new PostOpAttr.Present(f));
        CreateRes ok =
                new CreateRes(Nfs3Status.NFS3_OK, new PostOpFh3.Present(new byte[20]), new PostOpAttr.Present(f), wcc);
        byte[] okWire = bytes(ok::encode);
        assertThat(okWire).hasSize(4 + 4 + 4 + 20 + 4 + 84 + 4 + 24 + 4 + 84);
        CreateRes back = CreateRes.decode(new XdrReader(okWire));
        assertThat(back.objAttributes()).isEqualTo(ok.objAttributes());
        assertThat(back.dirWcc()).isEqualTo(wcc);
        assertThat(bytes(back::encode)).isEqualTo(okWire);

        CreateRes fail = new CreateRes(Nfs3Status.NFS3ERR_EXIST, null, null, WccData.NONE);
        assertThat(HEX.formatHex(bytes(fail::encode))).isEqualTo("00000011" + "00000000" + "00000000");
        assertThat(CreateRes.decode(new XdrReader(bytes(fail::encode))).status())
                .isEqualTo(Nfs3Status.NFS3ERR_EXIST);
    }

    @Test
    void readdirplusEntry_wireSize_matchesEncoding() {
        Fattr3 f = new Fattr3(
                2, 0755, 2, 0, 0, 0, 0, 0, 0, 7, 9, new Nfstime3(0, 0), new Nfstime3(0, 0), new Nfstime3(0, 0));
        ReaddirplusRes.Entryplus3 e = new ReaddirplusRes.Entryplus3(
                9, "hello", 3, new PostOpAttr.Present(f), new PostOpFh3.Present(new byte[20]));
        ReaddirplusRes r = new ReaddirplusRes(Nfs3Status.NFS3_OK, PostOpAttr.ABSENT, new byte[8], List.of(e), true);
        byte[] wire = bytes(r::encode);
        // status + absent dir attrs + verifier + entry + list end + eof
        assertThat(wire).hasSize(4 + 4 + 8 + e.wireSize() + 4 + 4);
        assertThat(ReaddirplusRes.decode(new XdrReader(wire)).entries().get(0).name())
                .isEqualTo("hello");
    }

    @Test
    void dirOpArgs_roundTrips() {
        DirOpArgs3 d = DirOpArgs3.of(new byte[] {9, 9, 9, 9, 9}, "données");
        DirOpArgs3 back = DirOpArgs3.decode(new XdrReader(bytes(d::encode)));
        assertThat(back.nameString()).isEqualTo("données");
        assertThat(back.dir()).containsExactly(9, 9, 9, 9, 9);
    }

    @Test
    void readRes_encodedSize_isExactForEveryArm() {
        Fattr3 f = new Fattr3(
                1, 0644, 1, 0, 0, 3, 4096, 0, 0, 7, 42, new Nfstime3(1, 2), new Nfstime3(3, 4), new Nfstime3(5, 6));
        for (PostOpAttr a : List.of(PostOpAttr.ABSENT, new PostOpAttr.Present(f))) {
            for (int n : new int[] {0, 1, 3, 4, 4096, 4097}) {
                io.interlock.server.nfs.v3.message.ReadRes r =
                        new io.interlock.server.nfs.v3.message.ReadRes(Nfs3Status.NFS3_OK, a, true, new byte[n]);
                assertThat(r.encodedSize()).as("%s %d", a, n).isEqualTo(bytes(r::encode).length);
            }
            io.interlock.server.nfs.v3.message.ReadRes fail =
                    new io.interlock.server.nfs.v3.message.ReadRes(Nfs3Status.NFS3ERR_IO, a, false, null);
            assertThat(fail.encodedSize()).isEqualTo(bytes(fail::encode).length);
        }
        // the reply is then exactly header + results: finish() hands the array over
        io.interlock.server.rpc.RpcReply reply = io.interlock.server.rpc.RpcReply.success(
                7,
                new io.interlock.server.nfs.v3.message.ReadRes(
                        Nfs3Status.NFS3_OK, PostOpAttr.ABSENT, false, new byte[9]));
        assertThat(reply.message()).hasSize(24 + 4 + 4 + 12 + 12);
    }
}
