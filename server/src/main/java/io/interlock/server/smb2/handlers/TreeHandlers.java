package io.interlock.server.smb2.handlers;

import io.interlock.server.runtime.Share;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.session.Smb2Session;
import io.interlock.server.smb2.session.Smb2Tree;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.SimpleResponse;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.TreeConnectRequest;
import io.interlock.server.smb2.wire.TreeConnectResponse;
import java.util.List;

/** The small session and tree commands: TREE_CONNECT, TREE_DISCONNECT, LOGOFF, ECHO. */
final class TreeHandlers {
    /** FILE_ALL_ACCESS: what we grant on every tree and open. */
    static final int FULL_ACCESS = 0x001F01FF;

    private TreeHandlers() {}

    /** TREE_CONNECT ([MS-SMB2] 3.3.5.7): disk shares from the registry, IPC$ as a pipe tree. */
    static final class Connect implements Smb2Handler {
        private final Smb2Services svc;

        Connect(Smb2Services svc) {
            this.svc = svc;
        }

        @Override
        public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
            TreeConnectRequest r = TreeConnectRequest.decode(req.body());
            String name = r.shareName();
            Smb2Session s = req.session();
            if (name.equalsIgnoreCase("IPC$")) {
                Smb2Tree t = new Smb2Tree(s.nextTreeId(), null);
                s.trees().put(t.id(), t);
                req.chain().ids(s.id(), t.id());
                return Smb2Reply.ok(new TreeConnectResponse(TreeConnectResponse.SHARE_TYPE_PIPE, 0, 0, FULL_ACCESS));
            }
            Share share = svc.shares().get(name).filter(Share::enabled).orElse(null);
            if (share == null) {
                return Smb2Reply.error(NtStatus.STATUS_BAD_NETWORK_NAME);
            }
            boolean encrypt = svc.options().shareEncrypted(share.name());
            if (encrypt && s.encryptionKey() == null) {
                return Smb2Reply.error(NtStatus.STATUS_ACCESS_DENIED); // 3.3.5.7: cannot encrypt
            }
            Smb2Tree t = new Smb2Tree(s.nextTreeId(), share, encrypt);
            s.trees().put(t.id(), t);
            req.chain().ids(s.id(), t.id());
            int flags = encrypt ? TreeConnectResponse.SHAREFLAG_ENCRYPT_DATA : 0;
            return Smb2Reply.ok(new TreeConnectResponse(TreeConnectResponse.SHARE_TYPE_DISK, flags, 0, FULL_ACCESS));
        }
    }

    /** TREE_DISCONNECT ([MS-SMB2] 3.3.5.8): closes the tree's opens. */
    static final class Disconnect implements Smb2Handler {
        private final Smb2OpenCloser closer;

        Disconnect(Smb2OpenCloser closer) {
            this.closer = closer;
        }

        @Override
        public Smb2Reply handle(Smb2Request req) {
            req.session().trees().remove(req.tree().id());
            for (Smb2Open o : List.copyOf(req.conn().opens().values())) {
                if (o.sessionId() == req.session().id()
                        && o.treeId() == req.tree().id()) {
                    closer.close(req.conn(), o);
                }
            }
            return Smb2Reply.ok(SimpleResponse.FOUR);
        }
    }

    /** LOGOFF ([MS-SMB2] 3.3.5.6): closes the session's opens; the response is still signed. */
    static final class Logoff implements Smb2Handler {
        private final Smb2OpenCloser closer;

        Logoff(Smb2OpenCloser closer) {
            this.closer = closer;
        }

        @Override
        public Smb2Reply handle(Smb2Request req) {
            Smb2Session s = req.session();
            req.conn().sessions().remove(s.id());
            for (Smb2Open o : List.copyOf(req.conn().opens().values())) {
                if (o.sessionId() == s.id()) {
                    closer.close(req.conn(), o);
                }
            }
            boolean sign = s.signingKey() != null && (req.header().has(0x8) || s.signingRequired());
            return new Smb2Reply(NtStatus.STATUS_SUCCESS, SimpleResponse.FOUR, null, sign ? s : null, null);
        }
    }

    /** ECHO ([MS-SMB2] 3.3.5.18). */
    static final class Echo implements Smb2Handler {
        @Override
        public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
            if (req.body().u16() != 4) {
                throw Smb2ProtocolException.invalid("ECHO StructureSize");
            }
            return Smb2Reply.ok(SimpleResponse.FOUR);
        }
    }
}
