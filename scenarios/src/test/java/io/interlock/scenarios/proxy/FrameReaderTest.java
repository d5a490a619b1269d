package io.interlock.scenarios.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Framing over streams that deliver bytes in arbitrary pieces; no sockets. */
class FrameReaderTest {

    /** Returns at most {@code step} bytes per read, as a slow network would. */
    private static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    /** Reads every frame; records pending() after each fill that completed none. */
    private static List<byte[]> drain(FrameReader r, List<Integer> pendings) throws IOException {
        List<byte[]> out = new ArrayList<>();
        while (true) {
            int n = r.fill();
            if (n < 0) {
                return out;
            }
            byte[] f;
            boolean any = false;
            while ((f = r.next()) != null) {
                out.add(f);
                any = true;
            }
            if (!any && pendings != null) {
                pendings.add(r.pending());
            }
        }
    }

    private static byte[] smb(int payload, int fill) {
        return ProxyTesting.smbFrame(payload, fill);
    }

    private static byte[] join(List<byte[]> frames) {
        int n = frames.stream().mapToInt(f -> f.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        frames.forEach(b::put);
        return b.array();
    }

    @Test
    void smb2_framesOfEverySizeAroundTheBuffer_cutExactly() throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (int len : new int[] {0, 1, 11, 12, 13, 27, 28, 29, 100, 1000}) {
            frames.add(smb(len, len));
        }
        for (int step : new int[] {1, 3, 7, 64, 4096}) {
            FrameReader r = new FrameReader(WireProtocol.SMB2, 1 << 20, trickle(join(frames), step), 16);
            List<byte[]> got = drain(r, null);
            assertThat(got).as("step " + step).hasSameSizeAs(frames);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(got.get(i)).as("frame " + i + " step " + step).isEqualTo(frames.get(i));
            }
            assertThat(r.pending()).isZero();
        }
    }

    @Test
    void pending_countsBytesOfTheFrameStillArriving() throws IOException {
        byte[] f = smb(30, 1);
        List<Integer> pendings = new ArrayList<>();
        FrameReader r = new FrameReader(WireProtocol.SMB2, 1 << 20, trickle(f, 10), 16);
        assertThat(drain(r, pendings)).hasSize(1);
        assertThat(pendings).containsExactly(10, 20, 30);
    }

    @Test
    void rpc_recordOfManyFragments_isOneFrame_evenWhenFragmentsExceedTheBuffer() throws IOException {
        Random random = new Random(42);
        ByteBuffer rec = ByteBuffer.allocate(4 * 5 + 5 + 0 + 40 + 200 + 3);
        int[] sizes = {5, 0, 40, 200, 3};
        for (int i = 0; i < sizes.length; i++) {
            boolean last = i == sizes.length - 1;
            rec.putInt((last ? 0x80000000 : 0) | sizes[i]);
            byte[] body = new byte[sizes[i]];
            random.nextBytes(body);
            rec.put(body);
        }
        byte[] record = rec.array();
        byte[] next = {(byte) 0x80, 0, 0, 1, 42};
        byte[] stream = ByteBuffer.allocate(record.length + next.length)
                .put(record)
                .put(next)
                .array();
        for (int step : new int[] {1, 2, 5, 17, 1000}) {
            FrameReader r = new FrameReader(WireProtocol.ONC_RPC, 1 << 20, trickle(stream, step), 16);
            List<byte[]> got = drain(r, null);
            assertThat(got).as("step " + step).hasSize(2);
            assertThat(got.get(0)).isEqualTo(record);
            assertThat(got.get(1)).isEqualTo(next);
        }
    }

    @Test
    void rpc_completeFragmentsFillingTheBufferExactly_stillOneFrame() throws IOException {
        ByteBuffer rec = ByteBuffer.allocate(5 * 8 + 5);
        for (int i = 0; i < 5; i++) {
            rec.putInt(4).putInt(i); // 8-byte fragments, not last: two fill the 16-byte buffer
        }
        rec.putInt(0x80000001).put((byte) 7);
        for (int step : new int[] {1, 4, 8, 16, 64}) {
            FrameReader r = new FrameReader(WireProtocol.ONC_RPC, 1 << 20, trickle(rec.array(), step), 16);
            List<byte[]> got = drain(r, null);
            assertThat(got).as("step " + step).hasSize(1);
            assertThat(got.get(0)).isEqualTo(rec.array());
        }
    }

    @Test
    void aboveTheMaximum_throwsBeforeReadingTheBody() throws IOException {
        FrameReader smb = new FrameReader(WireProtocol.SMB2, 100, trickle(smb(200, 0), 4), 16);
        smb.fill();
        assertThatThrownBy(smb::next).isInstanceOf(FrameReader.FrameTooLargeException.class);
        // an RPC record whose fragments add up past the maximum
        ByteBuffer rec = ByteBuffer.allocate(8 + 60 + 60);
        rec.putInt(60).put(new byte[60]).putInt(0x80000000 | 60).put(new byte[60]);
        FrameReader rpc = new FrameReader(WireProtocol.ONC_RPC, 100, trickle(rec.array(), 1000), 16);
        assertThatThrownBy(() -> drain(rpc, null)).isInstanceOf(FrameReader.FrameTooLargeException.class);
    }

    @Test
    void endOfStreamInsideAFrame_leavesItPending() throws IOException {
        byte[] f = smb(50, 1);
        byte[] cut = java.util.Arrays.copyOf(f, 20);
        FrameReader r = new FrameReader(WireProtocol.SMB2, 1 << 20, trickle(cut, 7), 16);
        assertThat(drain(r, null)).isEmpty();
        assertThat(r.pending()).isEqualTo(20);
    }
}
