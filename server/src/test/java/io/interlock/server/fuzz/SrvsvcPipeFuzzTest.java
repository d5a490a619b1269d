package io.interlock.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.interlock.server.smb2.pipe.ShareInfo;
import io.interlock.server.smb2.pipe.Smb2Pipe;
import java.util.List;

/**
 * The IPC$ srvsvc pipe: DCE/RPC PDUs (bind, request; [C706] 12.6) and the NDR stub of
 * NetShareEnumAll / NetShareGetInfo ([MS-SRVS] 3.1.4.8, 3.1.4.10), written in fuzz-sized pieces
 * as WRITE requests would, then read back as READ requests would. Faults are answers; any
 * exception is a finding.
 */
class SrvsvcPipeFuzzTest {
    private static final List<ShareInfo> SHARES =
            List.of(new ShareInfo("share", 0, "", "C:\\share"), new ShareInfo("IPC$", 3, "IPC", ""));

    @FuzzTest(maxDuration = "5s") // the build's bound; -Dfuzz.seconds overrides it (server/pom.xml)
    void srvsvc(byte[] data) {
        FuzzStats.hit("SrvsvcPipeFuzzTest");
        Smb2Pipe pipe = Smb2Pipe.open("srvsvc", SHARES);
        int piece = data.length == 0 ? 1 : 1 + (data[0] & 0xFF) * 17;
        for (int at = 1; at < data.length; at += piece) {
            pipe.write(data, at, Math.min(piece, data.length - at));
            for (int i = 0; i < 64; i++) {
                Smb2Pipe.Chunk c = pipe.read(4280);
                if (c == null || (c.data().length == 0 && !c.more())) { // null: nothing to read
                    break;
                }
            }
        }
    }
}
