package io.interlock.server.smb2.handlers;

import io.interlock.server.core.io.PayloadBuffer;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.smb2.auth.Smb2Cipher;
import io.interlock.server.smb2.auth.Smb2Encryption;
import io.interlock.server.smb2.auth.Smb2Signer;
import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.session.Smb2OutFrame;
import io.interlock.server.smb2.session.Smb2PendingOp;
import io.interlock.server.smb2.session.Smb2Session;
import io.interlock.server.smb2.session.Smb2Tree;
import io.interlock.server.smb2.wire.ErrorResponse;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2Command;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.Smb2Response;
import io.interlock.server.smb2.wire.Smb2Writer;
import io.interlock.server.smb2.wire.TransformHeader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the requests of one frame in order: compound chaining, session and tree checks, signature
 * verification, the handler, error mapping, credits and response signing ([MS-SMB2] 3.3.5.2).
 * Called on the connection's lane; a handler that must wait returns a future and the rest of the
 * chain resumes on the lane when it completes, so the lane is never blocked.
 */
public final class Smb2Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Smb2Dispatcher.class);
    /** Most credits a client may hold at once (Samba's default too). */
    private static final int MAX_CREDITS = 8192;

    private static final Set<Smb2Command> NO_SESSION =
            Set.of(Smb2Command.NEGOTIATE, Smb2Command.SESSION_SETUP, Smb2Command.ECHO, Smb2Command.CANCEL);
    private static final Set<Smb2Command> NO_TREE = Set.of(
            Smb2Command.NEGOTIATE,
            Smb2Command.SESSION_SETUP,
            Smb2Command.LOGOFF,
            Smb2Command.TREE_CONNECT,
            Smb2Command.ECHO,
            Smb2Command.CANCEL,
            Smb2Command.OPLOCK_BREAK);

    /**
     * The commands that never wait (a CREATE or LOCK that must returns a future and goes async) and
     * do little work on a store that never blocks: {@link #quick}.
     */
    private static final Set<Smb2Command> QUICK = Set.of(
            Smb2Command.CREATE,
            Smb2Command.CLOSE,
            Smb2Command.FLUSH,
            Smb2Command.READ,
            Smb2Command.WRITE,
            Smb2Command.QUERY_INFO,
            Smb2Command.SET_INFO,
            Smb2Command.LOCK,
            Smb2Command.ECHO,
            Smb2Command.OPLOCK_BREAK,
            Smb2Command.CANCEL);
    /** A quick frame's size cap, and a quick READ's: larger data is copied and signed on the pool. */
    private static final int QUICK_MAX_BYTES = 64 * 1024;

    private final Smb2Services svc;
    private final Map<Smb2Command, Smb2Handler> table = new EnumMap<>(Smb2Command.class);
    private final Smb2OpenCloser closer;

    public Smb2Dispatcher(Smb2Services svc) {
        this.svc = svc;
        this.closer = new Smb2OpenCloser(svc);
        table.put(Smb2Command.NEGOTIATE, new NegotiateHandler(svc));
        table.put(Smb2Command.SESSION_SETUP, new SessionSetupHandler(svc));
        table.put(Smb2Command.LOGOFF, new TreeHandlers.Logoff(closer));
        table.put(Smb2Command.TREE_CONNECT, new TreeHandlers.Connect(svc));
        table.put(Smb2Command.TREE_DISCONNECT, new TreeHandlers.Disconnect(closer));
        table.put(Smb2Command.ECHO, new TreeHandlers.Echo());
        table.put(Smb2Command.CREATE, new CreateHandler(svc));
        table.put(Smb2Command.CLOSE, new CloseHandler(closer));
        table.put(Smb2Command.FLUSH, new ReadWriteHandlers.Flush());
        table.put(Smb2Command.READ, new ReadWriteHandlers.Read(svc));
        table.put(Smb2Command.WRITE, new ReadWriteHandlers.Write(svc));
        table.put(Smb2Command.QUERY_INFO, new QueryInfoHandler(svc));
        table.put(Smb2Command.SET_INFO, new SetInfoHandler(svc));
        table.put(Smb2Command.QUERY_DIRECTORY, new QueryDirectoryHandler());
        table.put(Smb2Command.IOCTL, new IoctlHandler(svc));
        table.put(Smb2Command.OPLOCK_BREAK, new OplockBreakHandler(svc));
        table.put(Smb2Command.LOCK, new Smb2LockHandler(svc));
        table.put(Smb2Command.CHANGE_NOTIFY, new ChangeNotifyHandler());
    }

    /**
     * Whether a frame may run on the thread that decoded it when its lane is idle: every store is
     * non-blocking, it is a plain (not encrypted) SMB2 frame of at most 64 KiB, and each message of
     * its chain is a {@link #QUICK} command (a READ for at most 64 KiB). Peeks at the headers only;
     * a malformed chain is not quick and fails on the pool as before.
     */
    public boolean quick(byte[] frame) {
        if (frame.length > QUICK_MAX_BYTES
                || (frame[0] & 0xFF) != 0xFE
                || !svc.shares().nonBlocking()) {
            return false;
        }
        int at = 0;
        while (true) {
            if (at + Smb2Header.SIZE > frame.length) {
                return false;
            }
            Smb2Command cmd = Smb2Command.of(u16(frame, at + 12)); // Command
            if (cmd == null || !QUICK.contains(cmd)) {
                return false;
            }
            if (cmd == Smb2Command.READ
                    && (at + Smb2Header.SIZE + 8 > frame.length
                            || Integer.toUnsignedLong(u32(frame, at + Smb2Header.SIZE + 4)) > QUICK_MAX_BYTES)) {
                return false; // READ Length, at 4 in the body
            }
            int next = u32(frame, at + 20); // NextCommand
            if (next == 0) {
                return true;
            }
            if (next < Smb2Header.SIZE || next > frame.length - at) {
                return false;
            }
            at += next;
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int u32(byte[] b, int at) {
        return u16(b, at) | u16(b, at + 2) << 16;
    }

    /** Processes one frame (SMB2, possibly compounded, or an SMB1 NEGOTIATE). Runs on the lane. */
    public void frame(Smb2Connection conn, byte[] frame) {
        if (frame.length >= 4 && (frame[0] & 0xFF) == 0xFF && frame[1] == 'S' && frame[2] == 'M' && frame[3] == 'B') {
            // the SMB2 answer to an SMB1 NEGOTIATE has MessageId 0 and grants one credit (3.3.5.3.1)
            if (!conn.messageWindow().consume(0, 1)) {
                conn.transport().closeFor("SMB1 NEGOTIATE after message id 0 was used");
                return;
            }
            conn.messageWindow().grant(1);
            Smb1Negotiate.handle(svc, conn, frame);
            return;
        }
        if (TransformHeader.is(frame)) {
            decrypted(conn, frame);
            return;
        }
        new ChainRun(conn, frame, null).step();
    }

    /**
     * An encrypted frame ([MS-SMB2] 3.3.5.2.1.1): the session named by the transform header
     * decrypts it; an unknown session or a failed decryption drops the connection.
     */
    private void decrypted(Smb2Connection conn, byte[] frame) {
        byte[] plain;
        Smb2Session s;
        try {
            TransformHeader th = Smb2Encryption.header(frame);
            s = conn.sessions().get(th.sessionId());
            if (s == null || s.decryptionKey() == null || conn.cipher() == null) {
                throw new Smb2Encryption.DecryptException("no decryption key for session " + th.sessionId());
            }
            plain = Smb2Encryption.decrypt(conn.cipher(), s.decryptionKey(), frame);
        } catch (Smb2Encryption.DecryptException e) {
            log.warn("{}: closing: encrypted message rejected: {}", conn, e.getMessage());
            conn.transport().close();
            return;
        }
        if (plain.length < Smb2Header.SIZE || (plain[0] & 0xFF) != 0xFE) {
            log.warn("{}: closing: decrypted message is not SMB2", conn);
            conn.transport().close();
            return;
        }
        svc.stats().decryptedFrames.incrementAndGet();
        new ChainRun(conn, plain, s).step();
    }

    /** Releases everything a closed connection held. Runs on the lane. */
    public void connectionClosed(Smb2Connection conn) {
        for (Smb2PendingOp p : List.copyOf(conn.pending().values())) {
            p.future().cancel(false);
        }
        for (Smb2Open o : List.copyOf(conn.opens().values())) {
            closer.close(conn, o);
        }
        conn.sessions().clear();
        svc.connections().remove(conn);
    }

    /** One frame's chain of requests, resumable after an asynchronous handler. */
    private final class ChainRun {
        private final Smb2Connection conn;
        private final byte[] frame;
        /** The session whose key decrypted this frame; its responses are encrypted with it. */
        private final Smb2Session encryptedBy;

        private final Smb2Chain chain = new Smb2Chain();
        private final List<Encoded> responses = new ArrayList<>();
        private int offset;
        private NtStatus failedStatus;

        ChainRun(Smb2Connection conn, byte[] frame, Smb2Session encryptedBy) {
            this.conn = conn;
            this.frame = frame;
            this.encryptedBy = encryptedBy;
        }

        void step() {
            while (true) {
                Smb2Header h;
                try {
                    h = Smb2Header.decode(new Smb2Reader(frame, offset, frame.length));
                } catch (Smb2ProtocolException e) {
                    log.warn("{}: closing: malformed header at {}: {}", conn, offset, e.getMessage());
                    sendAll();
                    conn.transport().close();
                    return;
                }
                if (!consumeMessageIds(h)) {
                    sendAll();
                    conn.transport()
                            .closeFor("message id " + Long.toUnsignedString(h.messageId())
                                    + " (charge " + h.creditCharge() + ") outside the credit window or reused"
                                    + " ([MS-SMB2] 3.3.5.2.3)");
                    return;
                }
                int next = h.nextCommand();
                boolean last = next == 0;
                int len = last ? frame.length - offset : next;
                Smb2Reply reply;
                if (!last
                        && ((next & 7) != 0
                                || next < Smb2Header.SIZE
                                || (long) offset + next + Smb2Header.SIZE > frame.length)) {
                    log.debug("{}: bad NextCommand {}", conn, next);
                    last = true;
                    len = frame.length - offset;
                    reply = Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
                } else {
                    reply = dispatch(h, len);
                }
                if (reply != null && reply.pending() && !reply.later().isDone()) {
                    goAsync(h, reply.later(), last, len);
                    return;
                }
                if (reply != null && reply.pending()) {
                    reply = outcome(h, reply.later());
                }
                finish(h, reply, last, 0);
                if (!advance(last, len)) {
                    return;
                }
            }
        }

        /**
         * The handler must wait (a CREATE held on a lease break): sends what the chain answered so
         * far followed by an interim STATUS_PENDING response carrying a new AsyncId ([MS-SMB2]
         * 3.3.4.2), and resumes the chain on the lane when the handler's future completes or CANCEL
         * cancels it.
         */
        private void goAsync(Smb2Header h, CompletableFuture<Smb2Reply> later, boolean last, int len) {
            long asyncId = conn.nextAsyncId();
            conn.pending().put(asyncId, new Smb2PendingOp(h.messageId(), asyncId, later));
            int granted = conn.grantCredits(h.creditCharge(), Math.max(h.credits(), 1), MAX_CREDITS);
            Smb2Header ih = h.response(NtStatus.STATUS_PENDING.value(), granted)
                    .withSessionId(chain.sessionId())
                    .async(asyncId);
            responses.add(encodeSigned(h, ih, new ErrorResponse(), true, null, NtStatus.STATUS_PENDING));
            sendAll();
            svc.stats().interimResponses.incrementAndGet();
            log.debug("{}: {} message {} went async as {}", conn, Smb2Command.of(h.command()), h.messageId(), asyncId);
            later.whenComplete((r, err) -> conn.lane().execute(() -> {
                conn.pending().remove(asyncId);
                finish(h, outcome(h, later), last, asyncId);
                if (!advance(last, len)) {
                    return;
                }
                step();
            }));
        }

        /**
         * [MS-SMB2] 3.3.5.2.3: every request but CANCEL consumes its MessageId (and, past 2.0.2, one id
         * per credit it charges) from the connection's window.
         */
        private boolean consumeMessageIds(Smb2Header h) {
            if (h.command() == Smb2Command.CANCEL.value()) {
                return true;
            }
            boolean multiCredit = conn.negotiated()
                    && conn.dialect() != null
                    && conn.dialect() != io.interlock.server.smb2.wire.Smb2Dialect.SMB_2_0_2;
            int charge = multiCredit ? Math.max(1, h.creditCharge()) : 1;
            return conn.messageWindow().consume(h.messageId(), charge);
        }

        /** The reply of a completed handler future: cancelled becomes STATUS_CANCELLED. */
        private Smb2Reply outcome(Smb2Header h, CompletableFuture<Smb2Reply> f) {
            try {
                return f.join();
            } catch (java.util.concurrent.CancellationException e) {
                return Smb2Reply.error(NtStatus.STATUS_CANCELLED);
            } catch (java.util.concurrent.CompletionException e) {
                return unexpected(h, e.getCause() == null ? e : e.getCause());
            }
        }

        /** Moves to the next message; false (after sending) at the end of the chain. */
        private boolean advance(boolean last, int len) {
            if (last) {
                sendAll();
                return false;
            }
            offset += len;
            return true;
        }

        private Smb2Reply dispatch(Smb2Header h, int len) {
            Smb2Command cmd = Smb2Command.of(h.command());
            boolean related = offset > 0 && h.has(Smb2Header.FLAG_RELATED);
            long sessionId = related ? chain.sessionId() : h.sessionId();
            int treeId = related ? chain.treeId() : h.treeId();
            chain.ids(sessionId, treeId);
            if (!related) {
                failedStatus = null;
            }
            if (cmd == null) {
                log.debug("{}: unknown command 0x{}", conn, Integer.toHexString(h.command()));
                return Smb2Reply.error(NtStatus.STATUS_NOT_SUPPORTED);
            }
            if (related && failedStatus != null) {
                return Smb2Reply.error(failedStatus);
            }
            if (cmd == Smb2Command.CANCEL) {
                cancel(h);
                return null; // CANCEL has no response of its own (3.3.5.16)
            }
            if (!conn.negotiated() && cmd != Smb2Command.NEGOTIATE) {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
            }
            Smb2Session session = null;
            Smb2Tree tree = null;
            // Samba's FSCTL_SMBTORTURE_FORCE_UNACKED_TIMEOUT comes without a session; IoctlHandler
            // refuses every other sessionless IOCTL with USER_SESSION_DELETED
            boolean sessionless = cmd == Smb2Command.IOCTL && sessionId == 0;
            if (!NO_SESSION.contains(cmd) && !sessionless) {
                session = conn.sessions().get(sessionId);
                if (session == null || !session.valid()) {
                    return Smb2Reply.error(NtStatus.STATUS_USER_SESSION_DELETED);
                }
                if (encryptedBy == null && session.encryptData() && cmd != Smb2Command.SESSION_SETUP) {
                    log.warn("{}: unencrypted {} on a session that requires encryption", conn, cmd);
                    return Smb2Reply.error(NtStatus.STATUS_ACCESS_DENIED); // 3.3.5.2.9
                }
                Smb2Signer signer = session.signer();
                if (signer != null && encryptedBy == null) {
                    if (h.has(Smb2Header.FLAG_SIGNED)) {
                        if (!signer.verify(frame, offset, len)) {
                            log.warn("{}: bad signature on {} (message {})", conn, cmd, h.messageId());
                            return Smb2Reply.error(NtStatus.STATUS_ACCESS_DENIED);
                        }
                    } else if (session.signingRequired()) {
                        log.warn("{}: unsigned {} on a session that requires signing", conn, cmd);
                        return Smb2Reply.error(NtStatus.STATUS_ACCESS_DENIED);
                    }
                }
                if (!NO_TREE.contains(cmd)) {
                    tree = session.trees().get(treeId);
                    if (tree == null) {
                        return Smb2Reply.error(NtStatus.STATUS_NETWORK_NAME_DELETED);
                    }
                    if (encryptedBy == null && tree.encryptData()) {
                        log.warn("{}: unencrypted {} on a tree that requires encryption", conn, cmd);
                        return Smb2Reply.error(NtStatus.STATUS_ACCESS_DENIED); // 3.3.5.2.11
                    }
                }
            }
            Smb2Handler handler = table.get(cmd);
            if (handler == null) {
                return Smb2Reply.error(NtStatus.STATUS_NOT_SUPPORTED);
            }
            Smb2Request req = new Smb2Request(conn, h, frame, offset, len, session, tree, chain);
            try {
                return handler.handle(req);
            } catch (Smb2ProtocolException e) {
                log.debug("{}: {} -> {}", conn, cmd, e.getMessage());
                return Smb2Reply.error(e.status());
            } catch (FsException e) {
                log.debug("{}: {} -> {}", conn, cmd, e.getMessage());
                return Smb2Reply.error(Smb2StatusMapper.map(e.error()));
            } catch (RuntimeException | Error e) {
                // an Error (OutOfMemoryError) too: the request is answered and the lane goes on
                return unexpected(h, e);
            }
        }

        /**
         * Encodes a response into the chain. {@code asyncId} is non-zero for the final response of
         * an asynchronous request: its header is async and grants no credits (the interim did).
         */
        private void finish(Smb2Header h, Smb2Reply reply, boolean last, long asyncId) {
            if (reply == null) {
                return; // CANCEL
            }
            NtStatus status = reply.status();
            Smb2Command cmd = Smb2Command.of(h.command());
            if (status.isError() && cmd == Smb2Command.CREATE) {
                failedStatus = status;
            }
            int granted = asyncId != 0 ? 0 : conn.grantCredits(h.creditCharge(), Math.max(h.credits(), 1), MAX_CREDITS);
            Smb2Header rh = h.response(status.value(), granted);
            if (cmd != Smb2Command.NEGOTIATE) {
                rh = rh.withSessionId(chain.sessionId()).withTreeId(chain.treeId());
            }
            if (asyncId != 0) {
                rh = rh.async(asyncId);
            }
            Smb2Response body = reply.body() == null ? new ErrorResponse() : reply.body();
            try {
                responses.add(encodeSigned(h, rh, body, last, reply, status));
            } catch (RuntimeException | Error e) {
                if (body.payload() != null) {
                    body.payload().release();
                }
                throw e;
            }
        }

        /**
         * One response message: header, body, the body's payload (READ data in a transport buffer,
         * not copied), padding when more follow, signature.
         */
        private Encoded encodeSigned(
                Smb2Header h, Smb2Header rh, Smb2Response body, boolean last, Smb2Reply reply, NtStatus status) {
            Smb2Writer w = new Smb2Writer(Smb2Header.SIZE + 128);
            rh.encode(w);
            body.encode(w);
            PayloadBuffer payload = body.payload();
            int payloadLength = payload == null ? 0 : body.payloadLength();
            int pad = 0;
            if (!last) {
                if (payload == null) {
                    w.align(8);
                } else {
                    pad = (8 - (w.size() + payloadLength) % 8) % 8;
                }
            }
            byte[] msg = w.toByteArray();
            if (!last) {
                putU32(msg, 20, msg.length + payloadLength + pad);
            }
            if (reply != null && reply.onEncoded() != null) {
                reply.onEncoded().accept(msg);
            }
            Smb2Session signAs = reply == null ? null : reply.signAs();
            Smb2Session signer = signAs;
            if (signer == null && h.command() != Smb2Command.SESSION_SETUP.value()) {
                signer = conn.sessions().get(chain.sessionId());
            }
            // encrypted responses are not signed: the AEAD tag authenticates them (3.3.4.1.1)
            if (encryptedBy == null
                    && signer != null
                    && signer.signer() != null
                    && (signAs != null || h.has(Smb2Header.FLAG_SIGNED) || signer.signingRequired())
                    && status != NtStatus.STATUS_USER_SESSION_DELETED) {
                if (payload == null) {
                    signer.signer().signInPlace(msg, 0, msg.length);
                } else {
                    signer.signer()
                            .signInPlace(
                                    msg, payload.nio().duplicate().position(0).limit(payloadLength), pad);
                }
            }
            return new Encoded(msg, payload, payloadLength, pad);
        }

        /** CANCEL ([MS-SMB2] 3.3.5.16): by AsyncId when async, else by MessageId. */
        private void cancel(Smb2Header h) {
            for (Smb2PendingOp p : conn.pending().values()) {
                boolean match =
                        h.has(Smb2Header.FLAG_ASYNC) ? p.asyncId() == h.asyncId() : p.messageId() == h.messageId();
                if (match) {
                    log.debug("{}: cancel of message {} (async {})", conn, p.messageId(), p.asyncId());
                    if (p.future().cancel(false)) {
                        svc.stats().cancelled.incrementAndGet();
                    }
                }
            }
        }

        private void sendAll() {
            if (responses.isEmpty()) {
                return;
            }
            boolean payloads = false;
            for (Encoded e : responses) {
                payloads |= e.payload() != null;
            }
            if (payloads && encryptedBy == null) {
                Smb2OutFrame f = new Smb2OutFrame();
                for (Encoded e : responses) {
                    e.addTo(f);
                }
                responses.clear();
                conn.transport().send(f);
                return;
            }
            byte[] all;
            if (responses.size() == 1 && !payloads) {
                all = responses.get(0).head();
            } else {
                Smb2OutFrame f = new Smb2OutFrame();
                for (Encoded e : responses) {
                    e.addTo(f);
                }
                all = f.toBytes(); // an encrypted chain is one array (3.3.4.1.4)
            }
            responses.clear();
            if (encryptedBy != null) {
                // the whole chain goes in one transform (3.3.4.1.4)
                Smb2Cipher c = conn.cipher();
                all = Smb2Encryption.encrypt(
                        c, encryptedBy.encryptionKey(), encryptedBy.id(), encryptedBy.nextNonce(c.nonceLength()), all);
                svc.stats().encryptedFrames.incrementAndGet();
            }
            conn.transport().send(all);
        }

        private Smb2Reply unexpected(Smb2Header h, Throwable e) {
            log.error("{}: unexpected failure in command 0x{}", conn, Integer.toHexString(h.command()), e);
            return Smb2Reply.error(NtStatus.STATUS_INTERNAL_ERROR);
        }
    }

    /** One encoded response: its head, then its payload and padding when it has them. */
    private record Encoded(byte[] head, PayloadBuffer payload, int payloadLength, int pad) {
        void addTo(Smb2OutFrame f) {
            f.add(head);
            if (payload != null) {
                f.add(payload, payloadLength);
            }
            if (pad > 0) {
                f.add(new byte[pad]);
            }
        }
    }

    static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
