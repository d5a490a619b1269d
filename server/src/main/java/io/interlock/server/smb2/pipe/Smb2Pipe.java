package io.interlock.server.smb2.pipe;

import io.interlock.server.smb2.pipe.NdrReader.NdrException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open named pipe on IPC$ in message mode, speaking connection-oriented DCE/RPC ([C706] 12,
 * [MS-RPCE] 2.2.2): WRITE (or the input of FSCTL_PIPE_TRANSCEIVE) feeds PDUs in, each answer PDU
 * is one message that READ returns, in parts with STATUS_BUFFER_OVERFLOW when the reader's buffer
 * is smaller. Only srvsvc is served, on the share list snapshot taken when the pipe was opened
 * (R-CACHE-3). Used by one lane at a time; synchronized for safety.
 */
public final class Smb2Pipe {
    private static final Logger log = LoggerFactory.getLogger(Smb2Pipe.class);

    /** Largest fragment we send or accept (what Windows and Samba use). */
    static final int MAX_FRAG = 4280;

    static final int NCA_S_OP_RNG_ERROR = 0x1C010002;
    static final int NCA_S_UNKNOWN_IF = 0x1C010003;
    static final int NCA_S_PROTO_ERROR = 0x1C01000B;
    static final int NCA_S_FAULT_NDR = 0x000006F7;
    private static final int RESULT_ACCEPTANCE = 0;
    private static final int RESULT_PROVIDER_REJECTION = 2;
    private static final int REASON_ABSTRACT_SYNTAX_NOT_SUPPORTED = 1;
    private static final int REASON_TRANSFER_SYNTAXES_NOT_SUPPORTED = 2;

    /** The association group we answer when the client asks for a new one. */
    private static final int ASSOC_GROUP = 0x53F0;

    private final String name;
    private final Srvsvc srvsvc;
    private final ByteArrayOutputStream input = new ByteArrayOutputStream();
    private final ByteArrayOutputStream requestStub = new ByteArrayOutputStream();
    private final Deque<byte[]> output = new ArrayDeque<>();
    private final Set<Integer> contexts = new HashSet<>();
    private int headOffset;
    private int maxXmit = MAX_FRAG;
    private int assocGroup;

    private Smb2Pipe(String name, List<ShareInfo> shares) {
        this.name = name;
        this.srvsvc = new Srvsvc(shares);
    }

    /**
     * The canonical name of a pipe we serve ("srvsvc"), from a CREATE name such as {@code srvsvc},
     * {@code \srvsvc} or {@code \PIPE\srvsvc}; null for pipes we do not serve.
     */
    public static String canonicalName(String createName) {
        String n = createName.replace('/', '\\');
        while (n.startsWith("\\")) {
            n = n.substring(1);
        }
        n = n.toLowerCase(Locale.ROOT);
        if (n.startsWith("pipe\\")) {
            n = n.substring(5);
        }
        return n.equals("srvsvc") ? n : null;
    }

    /** Opens a pipe of a name {@link #canonicalName} accepted, over a share list snapshot. */
    public static Smb2Pipe open(String canonicalName, List<ShareInfo> shares) {
        return new Smb2Pipe(canonicalName, shares);
    }

    public String name() {
        return name;
    }

    /** Feeds written bytes; every complete PDU is processed and its answer queued. */
    public synchronized void write(byte[] b, int off, int len) {
        input.write(b, off, len);
        byte[] all = input.toByteArray();
        int at = 0;
        while (all.length - at >= RpcHeader.SIZE) {
            byte[] hdr = Arrays.copyOfRange(all, at, at + RpcHeader.SIZE);
            RpcHeader h = RpcHeader.decode(hdr);
            if (h == null || h.fragLength() < RpcHeader.SIZE) {
                log.debug("pipe {}: not a DCE/RPC v5 little-endian PDU: input dropped", name);
                at = all.length;
                break;
            }
            if (all.length - at < h.fragLength()) {
                break;
            }
            pdu(h, Arrays.copyOfRange(all, at, at + h.fragLength()));
            at += h.fragLength();
        }
        input.reset();
        input.write(all, at, all.length - at);
    }

    /** A part of the head message: its bytes, and whether more of that message remains. */
    public record Chunk(byte[] data, boolean more) {}

    /** Takes up to {@code max} bytes of the head message; null when nothing is queued. */
    public synchronized Chunk read(int max) {
        byte[] head = output.peekFirst();
        if (head == null) {
            return null;
        }
        int n = Math.min(Math.max(max, 0), head.length - headOffset);
        byte[] part = Arrays.copyOfRange(head, headOffset, headOffset + n);
        headOffset += n;
        boolean more = headOffset < head.length;
        if (!more) {
            output.removeFirst();
            headOffset = 0;
        }
        return new Chunk(part, more);
    }

    private void pdu(RpcHeader h, byte[] pdu) {
        try {
            switch (h.type()) {
                case RpcHeader.BIND, RpcHeader.ALTER_CONTEXT -> bind(h, pdu);
                case RpcHeader.REQUEST -> request(h, pdu);
                default -> {
                    log.debug("pipe {}: PDU type {} ignored", name, h.type());
                }
            }
        } catch (NdrException | IndexOutOfBoundsException e) {
            log.debug("pipe {}: malformed PDU type {}: {}", name, h.type(), e.getMessage());
            output.add(fault(h.callId(), 0, NCA_S_PROTO_ERROR));
        }
    }

    /** BIND / ALTER_CONTEXT ([C706] 12.6.4.3): accept srvsvc with NDR 2.0, reject the rest. */
    private void bind(RpcHeader h, byte[] pdu) throws NdrException {
        if (pdu.length < 28) {
            throw new NdrException("short bind");
        }
        int clientXmit = RpcHeader.u16(pdu, 16); // max_xmit_frag
        int clientRecv = RpcHeader.u16(pdu, 18); // max_recv_frag
        int group = RpcHeader.u32(pdu, 20); // assoc_group_id
        int n = pdu[24] & 0xFF; // n_context_elem (then 3 reserved bytes)
        if (h.type() == RpcHeader.BIND) {
            maxXmit = Math.max(RpcHeader.SIZE + 8 + 8, Math.min(MAX_FRAG, clientRecv));
            assocGroup = group != 0 ? group : ASSOC_GROUP;
        }
        int at = 28;
        int[][] results = new int[n][];
        for (int i = 0; i < n; i++) {
            int ctxId = RpcHeader.u16(pdu, at); // p_cont_id
            int nTransfer = pdu[at + 2] & 0xFF; // n_transfer_syn (then 1 reserved byte)
            RpcSyntax abs = new RpcSyntax(Arrays.copyOfRange(pdu, at + 4, at + 24)); // abstract_syntax
            at += 24;
            boolean ndr = false;
            for (int t = 0; t < nTransfer; t++) {
                ndr |= new RpcSyntax(Arrays.copyOfRange(pdu, at, at + 20)).equals(RpcSyntax.NDR);
                at += 20;
            }
            if (!abs.equals(RpcSyntax.SRVSVC)) {
                results[i] = new int[] {RESULT_PROVIDER_REJECTION, REASON_ABSTRACT_SYNTAX_NOT_SUPPORTED, 0};
            } else if (!ndr) {
                results[i] = new int[] {RESULT_PROVIDER_REJECTION, REASON_TRANSFER_SYNTAXES_NOT_SUPPORTED, 0};
            } else {
                contexts.add(ctxId);
                results[i] = new int[] {RESULT_ACCEPTANCE, 0, 1};
            }
        }
        if (pdu.length < at) {
            throw new NdrException("bind contexts past the PDU");
        }
        log.debug("pipe {}: bind, xmit {} recv {}, {} contexts", name, clientXmit, clientRecv, n);
        String secAddr = h.type() == RpcHeader.BIND ? "\\PIPE\\" + name : "";
        int secLen = secAddr.isEmpty() ? 0 : secAddr.length() + 1;
        int afterAddr = 24 + 2 + secLen;
        int resultsAt = (afterAddr + 3) & ~3;
        byte[] out = new byte[resultsAt + 4 + 24 * n];
        RpcHeader.encode(
                out,
                h.type() == RpcHeader.BIND ? RpcHeader.BIND_ACK : RpcHeader.ALTER_CONTEXT_RESP,
                RpcHeader.PFC_FIRST_FRAG | RpcHeader.PFC_LAST_FRAG,
                0,
                h.callId());
        RpcHeader.put16(out, 16, maxXmit); // max_xmit_frag
        RpcHeader.put16(out, 18, Math.min(MAX_FRAG, clientXmit)); // max_recv_frag
        RpcHeader.put32(out, 20, assocGroup); // assoc_group_id
        RpcHeader.put16(out, 24, secLen); // sec_addr.length (NUL included)
        for (int i = 0; i < secAddr.length(); i++) {
            out[26 + i] = (byte) secAddr.charAt(i); // sec_addr.port_spec
        }
        out[resultsAt] = (byte) n; // n_results (then 3 reserved bytes)
        int r = resultsAt + 4;
        for (int[] res : results) {
            RpcHeader.put16(out, r, res[0]); // result
            RpcHeader.put16(out, r + 2, res[1]); // reason
            byte[] syn = res[2] == 1 ? RpcSyntax.NDR.wire() : RpcSyntax.NONE.wire();
            System.arraycopy(syn, 0, out, r + 4, 20); // transfer_syntax
            r += 24;
        }
        output.add(out);
    }

    /** REQUEST ([C706] 12.6.4.9): reassembles fragments, runs the call, fragments the answer. */
    private void request(RpcHeader h, byte[] pdu) throws NdrException {
        int ctxId = RpcHeader.u16(pdu, 20); // p_cont_id, after alloc_hint (4 bytes)
        int opnum = RpcHeader.u16(pdu, 22); // opnum
        int stubAt = 24 + ((h.flags() & RpcHeader.PFC_OBJECT_UUID) != 0 ? 16 : 0);
        int stubEnd = pdu.length - (h.authLength() > 0 ? h.authLength() + 8 : 0);
        if (stubEnd < stubAt) {
            throw new NdrException("request stub bounds");
        }
        if ((h.flags() & RpcHeader.PFC_FIRST_FRAG) != 0) {
            requestStub.reset();
        }
        requestStub.write(pdu, stubAt, stubEnd - stubAt);
        if ((h.flags() & RpcHeader.PFC_LAST_FRAG) == 0) {
            if (requestStub.size() > 1024 * 1024) {
                requestStub.reset();
                output.add(fault(h.callId(), ctxId, NCA_S_PROTO_ERROR));
            }
            return;
        }
        byte[] stub = requestStub.toByteArray();
        requestStub.reset();
        if (!contexts.contains(ctxId)) {
            output.add(fault(h.callId(), ctxId, NCA_S_UNKNOWN_IF));
            return;
        }
        if (!Srvsvc.knownOpnum(opnum)) {
            log.debug("pipe {}: opnum {} not implemented", name, opnum);
            output.add(fault(h.callId(), ctxId, NCA_S_OP_RNG_ERROR));
            return;
        }
        byte[] result;
        try {
            result = srvsvc.call(opnum, stub);
        } catch (NdrException e) {
            log.debug("pipe {}: opnum {} stub: {}", name, opnum, e.getMessage());
            output.add(fault(h.callId(), ctxId, NCA_S_FAULT_NDR));
            return;
        }
        respond(h.callId(), ctxId, result);
    }

    private void respond(int callId, int ctxId, byte[] stub) {
        int perFrag = (maxXmit - 24) & ~7;
        int at = 0;
        do {
            int n = Math.min(perFrag, stub.length - at);
            int flags =
                    (at == 0 ? RpcHeader.PFC_FIRST_FRAG : 0) | (at + n == stub.length ? RpcHeader.PFC_LAST_FRAG : 0);
            byte[] out = new byte[24 + n];
            RpcHeader.encode(out, RpcHeader.RESPONSE, flags, 0, callId);
            RpcHeader.put32(out, 16, stub.length - at); // alloc_hint
            RpcHeader.put16(out, 20, ctxId); // p_cont_id
            out[22] = 0; // cancel_count (then 1 reserved byte)
            System.arraycopy(stub, at, out, 24, n); // stub data
            output.add(out);
            at += n;
        } while (at < stub.length);
    }

    static byte[] fault(int callId, int ctxId, int status) {
        byte[] out = new byte[32];
        RpcHeader.encode(out, RpcHeader.FAULT, RpcHeader.PFC_FIRST_FRAG | RpcHeader.PFC_LAST_FRAG, 0, callId);
        RpcHeader.put32(out, 16, 0); // alloc_hint
        RpcHeader.put16(out, 20, ctxId); // p_cont_id
        out[22] = 0; // cancel_count (then 1 reserved byte)
        RpcHeader.put32(out, 24, status); // status (then 4 reserved bytes)
        return out;
    }
}
