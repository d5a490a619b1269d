package io.interlock.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.interlock.server.smb2.wire.ChangeNotifyRequest;
import io.interlock.server.smb2.wire.CloseRequest;
import io.interlock.server.smb2.wire.CreateRequest;
import io.interlock.server.smb2.wire.FlushRequest;
import io.interlock.server.smb2.wire.IoctlRequest;
import io.interlock.server.smb2.wire.LeaseBreakAck;
import io.interlock.server.smb2.wire.LeaseContext;
import io.interlock.server.smb2.wire.NegotiateRequest;
import io.interlock.server.smb2.wire.QueryDirectoryRequest;
import io.interlock.server.smb2.wire.QueryInfoRequest;
import io.interlock.server.smb2.wire.ReadRequest;
import io.interlock.server.smb2.wire.SessionSetupRequest;
import io.interlock.server.smb2.wire.SetInfoRequest;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.TransformHeader;
import io.interlock.server.smb2.wire.TreeConnectRequest;
import io.interlock.server.smb2.wire.WriteRequest;
import java.util.Arrays;

/**
 * The SMB2 header ([MS-SMB2] 2.2.1), the transform header (2.2.41) and every request decoder,
 * directly. Byte 0 picks the decoder; the rest is one message (header included, as on the wire).
 * The only allowed failure is Smb2ProtocolException; lengths and offsets must come out
 * non-negative.
 */
class Smb2DecodersFuzzTest {
    @FuzzTest(maxDuration = "5s") // the build's bound; -Dfuzz.seconds overrides it (server/pom.xml)
    void smb2Decoders(byte[] data) {
        FuzzStats.hit("Smb2DecodersFuzzTest");
        if (data.length < 1) {
            return;
        }
        byte[] msg = Arrays.copyOfRange(data, 1, data.length);
        try {
            decode(data[0] & 0xFF, msg);
        } catch (Smb2ProtocolException expected) {
            // answered with its status
        }
    }

    private static void decode(int which, byte[] msg) throws Smb2ProtocolException {
        Smb2Reader r = Smb2Reader.of(msg);
        switch (which % 19) {
            case 0 -> Smb2Header.decode(r);
            case 1 -> TransformHeader.decode(r);
            case 2 -> LeaseContext.decode(msg);
            default -> {
                Smb2Header.decode(r);
                Smb2Reader body = Smb2Reader.of(msg).seek(Smb2Header.SIZE);
                switch (which % 19) {
                    case 3 -> NegotiateRequest.decode(body);
                    case 4 -> SessionSetupRequest.decode(body);
                    case 5 -> TreeConnectRequest.decode(body);
                    case 6 -> check(CreateRequest.decode(body));
                    case 7 -> CloseRequest.decode(body);
                    case 8 -> FlushRequest.decode(body);
                    case 9 -> check(ReadRequest.decode(body).length());
                    case 10 -> check(WriteRequest.decode(body, msg, 0).length());
                    case 11 -> check(QueryInfoRequest.decode(body).outputBufferLength());
                    case 12 -> SetInfoRequest.decode(body);
                    case 13 -> check(QueryDirectoryRequest.decode(body).outputBufferLength());
                    case 14 -> IoctlRequest.decode(body);
                    case 15 -> check(ChangeNotifyRequest.decode(body).outputBufferLength());
                    case 16 -> LeaseBreakAck.decode(body);
                    default -> Smb2Header.decode(Smb2Reader.of(msg));
                }
            }
        }
    }

    private static void check(Object decoded) {
        // decoding succeeded: nothing more to check for records without length fields
    }

    private static void check(int length) {
        if (length < 0) {
            throw new AssertionError("negative length " + length + " from an unsigned wire field");
        }
    }
}
