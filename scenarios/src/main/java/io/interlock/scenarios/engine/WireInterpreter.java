package io.interlock.scenarios.engine;

import io.interlock.scenarios.clients.nfs.Nfs3Status;
import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.smb.SmbStatusException;
import io.interlock.scenarios.model.Bytes;
import io.interlock.scenarios.model.ModelInput;
import io.interlock.scenarios.model.ModelOutput;
import io.interlock.scenarios.model.OplockLevel;
import io.interlock.scenarios.model.Payload;
import io.interlock.scenarios.proxy.Connection;
import io.interlock.scenarios.proxy.Frame;
import io.interlock.scenarios.proxy.RpcCall;
import io.interlock.scenarios.proxy.RpcReply;
import io.interlock.scenarios.proxy.Smb2Command;
import io.interlock.scenarios.proxy.Smb2CreateRequestBody;
import io.interlock.scenarios.proxy.Smb2CreateResponseBody;
import io.interlock.scenarios.proxy.Smb2FileId;
import io.interlock.scenarios.proxy.Smb2LeaseBreakAckBody;
import io.interlock.scenarios.proxy.Smb2LeaseBreakNotificationBody;
import io.interlock.scenarios.proxy.Smb2LeaseInfo;
import io.interlock.scenarios.proxy.Smb2LockElement;
import io.interlock.scenarios.proxy.Smb2LockRequestBody;
import io.interlock.scenarios.proxy.Smb2Message;
import io.interlock.scenarios.proxy.Smb2ReadRequestBody;
import io.interlock.scenarios.proxy.Smb2Summary;
import io.interlock.scenarios.proxy.Smb2WriteRequestBody;
import io.interlock.scenarios.targets.PathMapping;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a lockstep run's frames as the reference model sees a server: each request frame the server
 * was given becomes a {@link ModelInput}, each frame the server sent a {@link ModelOutput}. It keeps
 * what a server would to make sense of them: which client owns each connection, SMB message ids and
 * FileIds (the handle names the program gave its opens), NFS file handles and the paths they name
 * (learned from MNT, LOOKUP, CREATE and MKDIR replies), RPC xids.
 *
 * <p>It decodes only what the model needs, from the bytes on the wire (the engine's own decoding,
 * sharing no code with the server). What it cannot map becomes {@link ModelInput.Unknown}, which
 * the checker reports as unchecked from there on rather than guessing.
 */
final class WireInterpreter {
    private static final int NFS = 100003;
    private static final int MOUNT = 100005;
    private static final int NLM = 100021;
    private static final int SMB2_LOCKFLAG_SHARED = 0x1;
    private static final int SMB2_LOCKFLAG_EXCLUSIVE = 0x2;
    private static final int SMB2_LOCKFLAG_UNLOCK = 0x4;
    private static final int SMB2_LOCKFLAG_FAIL_IMMEDIATELY = 0x10;
    private static final long STATUS_PENDING = 0x103;

    private long nextReq = 1;
    private final Map<String, Long> requests = new ConcurrentHashMap<>(); // conn/mid or conn/xid -> req
    private final Map<String, Integer> rpcPrograms = new ConcurrentHashMap<>(); // conn/xid -> program
    private final Map<String, Integer> rpcProcs = new ConcurrentHashMap<>(); // conn/xid -> procedure
    private final Map<String, String> pendingPaths = new ConcurrentHashMap<>(); // conn/xid -> path a reply names
    private final Map<String, String> createHandles = new ConcurrentHashMap<>(); // conn/mid -> handle
    private final Map<String, String> handles = new ConcurrentHashMap<>(); // client/fileId -> handle
    private final Map<String, String> paths = new ConcurrentHashMap<>(); // fh hex -> path
    private final Map<String, String[]> pendingRenames = new ConcurrentHashMap<>(); // conn/xid -> {from, to}
    private final Map<String, Set<String>> aliases = new ConcurrentHashMap<>(); // path -> its other hard links
    private final Map<String, String> readHandles = new ConcurrentHashMap<>(); // conn/mid -> handle (READ)
    private final Set<String> outsideRequests = ConcurrentHashMap.newKeySet(); // conn/xid

    /**
     * Where the program's files are: the model's paths are relative to the mapping's directories
     * (a scratch directory of a shared tree on targets that give a program no share of its own).
     */
    private final PathMapping scope;

    /** Marks a path outside {@link #scope} (an ancestor of the program's directory), with its full path. */
    private static final String OUTSIDE = "\0outside:";

    WireInterpreter() {
        this(PathMapping.IDENTITY);
    }

    WireInterpreter(PathMapping scope) {
        this.scope = scope;
    }

    /** A full path of the export as the model names it: relative to the program's directory. */
    private String nfsScoped(String full) {
        return scoped(scope.nfsDir(), full);
    }

    private static String scoped(String dir, String full) {
        if (dir.isEmpty()) {
            return full;
        }
        if (full.equals(dir)) {
            return "";
        }
        if (full.startsWith(dir + "/")) {
            return full.substring(dir.length() + 1);
        }
        return OUTSIDE + full;
    }

    /** A fresh request id, for a request that reaches the server another way (share administration). */
    long newReq() {
        return nextReq++;
    }

    /**
     * The request a frame delivered to the server stands for; null when it is none of the model's
     * business (a client walking down to the program's directory from the export's root).
     */
    ModelInput request(Frame f, String client, String handleHint) {
        if (f.summary() instanceof Smb2Summary s) {
            return smbRequest(f, s, client, handleHint);
        }
        if (f.summary() instanceof RpcCall c) {
            return rpcRequest(f, c, client);
        }
        return new ModelInput.Unknown(nextReq++, client, "frame " + f.summary());
    }

    /** What a frame the server sent means to the model (none for replies it does not follow). */
    List<ModelOutput> outputs(Frame f, String client) {
        List<ModelOutput> out = new ArrayList<>();
        if (f.summary() instanceof Smb2Summary s) {
            for (Smb2Message m : s.messages()) {
                smbOutput(f, m, client, out);
            }
        } else if (f.summary() instanceof RpcReply r) {
            rpcOutput(f, r, out);
        }
        return out;
    }

    private static String key(Connection c, long id) {
        return c.id() + "/" + id;
    }

    // ---------------------------------------------------------------------------------------------
    // SMB2

    private ModelInput smbRequest(Frame f, Smb2Summary s, String client, String handleHint) {
        if (s.encrypted() || s.messages().size() != 1) {
            return new ModelInput.Unknown(nextReq++, client, s.encrypted() ? "encrypted SMB" : "compound SMB");
        }
        Smb2Message m = s.messages().get(0);
        long req = nextReq++;
        requests.put(key(f.connection(), m.messageId()), req);
        if (m.body() instanceof Smb2CreateRequestBody b) {
            String handle = handleHint != null ? handleHint : "mid" + m.messageId();
            createHandles.put(key(f.connection(), m.messageId()), handle);
            ModelInput.LeaseRequest lease = null;
            OplockLevel oplock = oplock(b.requestedOplockLevel());
            if (b.lease() != null && oplock == OplockLevel.LEASE) {
                Smb2LeaseInfo l = b.lease();
                lease = new ModelInput.LeaseRequest(
                        l.leaseKey().toString(),
                        l.leaseState(),
                        l.version(),
                        l.parentLeaseKey() == null ? null : l.parentLeaseKey().toString(),
                        l.epoch());
            }
            return new ModelInput.SmbCreate(
                    req,
                    client,
                    handle,
                    scoped(scope.smbDir(), b.name().replace('\\', '/')),
                    (b.createOptions() & 0x1) != 0,
                    ModelInput.Disposition.values()[Math.min(b.createDisposition(), 5)],
                    b.desiredAccess(),
                    b.shareAccess(),
                    lease,
                    lease == null && oplock == OplockLevel.LEASE ? OplockLevel.NONE : oplock);
        }
        if (m.body() instanceof Smb2WriteRequestBody b) {
            return new ModelInput.SmbWrite(req, client, handle(client, b.fileId()), b.offset(), writeData(f, b));
        }
        if (m.body() instanceof Smb2ReadRequestBody b) {
            readHandles.put(key(f.connection(), m.messageId()), handle(client, b.fileId()));
            return new ModelInput.SmbRead(req, client, handle(client, b.fileId()), b.offset(), b.length());
        }
        if (m.body() instanceof Smb2LockRequestBody b && b.locks().size() == 1) {
            Smb2LockElement e = b.locks().get(0);
            String h = handle(client, b.fileId());
            if ((e.flags() & SMB2_LOCKFLAG_UNLOCK) != 0) {
                return new ModelInput.SmbUnlock(req, client, h, e.offset(), e.length());
            }
            return new ModelInput.SmbLock(
                    req,
                    client,
                    h,
                    e.offset(),
                    e.length(),
                    (e.flags() & SMB2_LOCKFLAG_EXCLUSIVE) != 0 && (e.flags() & SMB2_LOCKFLAG_SHARED) == 0,
                    (e.flags() & SMB2_LOCKFLAG_FAIL_IMMEDIATELY) != 0);
        }
        if (m.body() instanceof Smb2LeaseBreakAckBody b) {
            return new ModelInput.SmbLeaseAck(req, client, b.leaseKey().toString(), b.leaseState());
        }
        if (m.command() == Smb2Command.SMB2_CLOSE) {
            Smb2FileId id = closeFileId(f);
            return new ModelInput.SmbClose(req, client, id == null ? "?" : handle(client, id));
        }
        return new ModelInput.Unknown(req, client, "SMB2 " + m.command());
    }

    private static OplockLevel oplock(int wire) {
        for (OplockLevel l : OplockLevel.values()) {
            if (l.wire() == wire) {
                return l;
            }
        }
        return OplockLevel.NONE;
    }

    private String handle(String client, Smb2FileId id) {
        return handles.getOrDefault(client + "/" + id, "fid" + id);
    }

    /** The data of a single-message WRITE: DataOffset (2 bytes at body+2) from the header, Length at +4. */
    private static Bytes writeData(Frame f, Smb2WriteRequestBody b) {
        int header = 4;
        int body = header + Smb2Message.HEADER_SIZE;
        int offset = f.byteAt(body + 2) | f.byteAt(body + 3) << 8;
        byte[] all = f.bytes();
        int from = header + offset;
        int len = (int) Math.min(b.length(), Math.max(0, all.length - from));
        byte[] d = new byte[len];
        System.arraycopy(all, from, d, 0, len);
        return Bytes.of(d);
    }

    /** CLOSE request ([MS-SMB2] 2.2.15): StructureSize 2, Flags 2, Reserved 4, FileId 16. */
    private static Smb2FileId closeFileId(Frame f) {
        int body = 4 + Smb2Message.HEADER_SIZE;
        if (f.length() < body + 24) {
            return null;
        }
        return new Smb2FileId(le64(f, body + 8), le64(f, body + 16));
    }

    private static long le64(Frame f, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | f.byteAt(at + i);
        }
        return v;
    }

    private void smbOutput(Frame f, Smb2Message m, String client, List<ModelOutput> out) {
        if (m.unsolicited()) {
            if (m.body() instanceof Smb2LeaseBreakNotificationBody b) {
                out.add(new ModelOutput.LeaseBreak(
                        client,
                        b.leaseKey().toString(),
                        b.currentLeaseState(),
                        b.newLeaseState(),
                        b.ackRequired(),
                        b.newEpoch(),
                        b.newEpoch() != 0));
            }
            return;
        }
        Long req = requests.get(key(f.connection(), m.messageId()));
        if (req == null) {
            return; // a reply to something sent before the program's windows began
        }
        if (m.status() == STATUS_PENDING && m.async()) {
            out.add(new ModelOutput.Interim(req));
            return;
        }
        requests.remove(key(f.connection(), m.messageId()));
        String status = SmbStatusException.nameOf(m.status());
        Payload payload = Payload.NotRecorded.INSTANCE;
        if (m.body() instanceof Smb2CreateResponseBody b) {
            String handle = createHandles.remove(key(f.connection(), m.messageId()));
            if (m.status() == 0 && handle != null) {
                handles.put(client + "/" + b.fileId(), handle);
            }
            Smb2LeaseInfo l = b.lease();
            payload = new Payload.Created(
                    oplock(b.oplockLevel()),
                    l == null ? null : new Payload.LeaseGrant(l.leaseState(), l.flags(), l.epoch(), l.version()));
        } else if (m.body() instanceof Smb2LeaseBreakAckBody b && m.status() == 0) {
            payload = new Payload.LeaseAcked(b.leaseState());
        } else if (m.command() == Smb2Command.SMB2_READ && m.status() == 0) {
            readHandles.remove(key(f.connection(), m.messageId()));
            payload = new Payload.Data(readData(f), null);
        }
        out.add(new ModelOutput.Reply(req, status, payload));
    }

    /** READ response ([MS-SMB2] 2.2.20): DataOffset (1 byte at body+2) from the header, DataLength at +4. */
    private static Bytes readData(Frame f) {
        int body = 4 + Smb2Message.HEADER_SIZE;
        if (f.length() < body + 8) {
            return Bytes.EMPTY;
        }
        int offset = f.byteAt(body + 2);
        long len = f.byteAt(body + 4)
                | f.byteAt(body + 5) << 8
                | f.byteAt(body + 6) << 16
                | (long) f.byteAt(body + 7) << 24;
        byte[] all = f.bytes();
        int from = 4 + offset;
        int n = (int) Math.min(len, Math.max(0, all.length - from));
        byte[] d = new byte[n];
        System.arraycopy(all, from, d, 0, n);
        return Bytes.of(d);
    }

    // ---------------------------------------------------------------------------------------------
    // ONC RPC: NFSv3, MOUNT, NLM

    /** A reader positioned at the call's arguments (past the header, credential and verifier). */
    private static XdrIn args(Frame f) {
        XdrIn in = new XdrIn(rpcMessage(f), 0);
        in.int32(); // xid
        in.int32(); // msg_type
        in.int32(); // rpcvers
        in.int32(); // prog
        in.int32(); // vers
        in.int32(); // proc
        in.int32(); // cred flavor
        in.opaque(400); // cred body
        in.int32(); // verf flavor
        in.opaque(400); // verf body
        return in;
    }

    /** A reader positioned at the results of an accepted reply. */
    private static XdrIn results(Frame f) {
        XdrIn in = new XdrIn(rpcMessage(f), 0);
        in.int32(); // xid
        in.int32(); // msg_type
        in.int32(); // reply_stat (accepted)
        in.int32(); // verf flavor
        in.opaque(400); // verf body
        in.int32(); // accept_stat
        return in;
    }

    /** The RPC message of a record as the proxy cut it: the fragments' payloads, joined. */
    private static byte[] rpcMessage(Frame f) {
        byte[] all = f.bytes();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(all.length);
        int at = 0;
        while (at + 4 <= all.length) {
            int h = (all[at] & 0xFF) << 24
                    | (all[at + 1] & 0xFF) << 16
                    | (all[at + 2] & 0xFF) << 8
                    | all[at + 3] & 0xFF;
            int len = Math.min(h & 0x7FFFFFFF, all.length - at - 4);
            out.write(all, at + 4, len);
            at += 4 + len;
            if (h < 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static String hex(byte[] fh) {
        return HexFormat.of().formatHex(fh);
    }

    /**
     * The path an NFS file handle names: learnt from the LOOKUP, CREATE, MKDIR and MNT replies that
     * returned it, and moved by the RENAME and REMOVE replies since (a handle names an object, not
     * a name). {@link #STALE} when its object is gone; null when the engine never saw it named.
     */
    private String path(byte[] fh) {
        return paths.get(hex(fh));
    }

    /** The path of a handle whose object was removed or replaced by a rename (R-NFS-3: STALE). */
    static final String STALE = "\u0000stale";

    private static boolean stale(String path) {
        return path != null && path.startsWith(STALE);
    }

    /** A request through a stale handle: nothing happens but the STALE answer (R-NFS-3, R-NLM-12). */
    private static ModelInput staleOr(ModelInput in) {
        boolean stale = false;
        if (in instanceof ModelInput.NfsGetattr g) {
            stale = stale(g.path());
        } else if (in instanceof ModelInput.NfsLookup l) {
            stale = stale(l.path());
        } else if (in instanceof ModelInput.NfsRead r) {
            stale = stale(r.path());
        } else if (in instanceof ModelInput.NfsWrite w) {
            stale = stale(w.path());
        } else if (in instanceof ModelInput.NfsSetSize a) {
            stale = stale(a.path());
        } else if (in instanceof ModelInput.NfsCreate c) {
            stale = stale(c.path());
        } else if (in instanceof ModelInput.NfsMkdir m) {
            stale = stale(m.path());
        } else if (in instanceof ModelInput.NfsRemove r) {
            stale = stale(r.path());
        } else if (in instanceof ModelInput.NfsRmdir r) {
            stale = stale(r.path());
        } else if (in instanceof ModelInput.NfsRename r) {
            stale = stale(r.from()) || stale(r.to());
        } else if (in instanceof ModelInput.NfsLink l) {
            stale = stale(l.existing()) || stale(l.newPath());
        } else if (in instanceof ModelInput.NlmLock l) {
            stale = stale(l.path());
        } else if (in instanceof ModelInput.NlmTest t) {
            stale = stale(t.path());
        } else if (in instanceof ModelInput.NlmUnlock u) {
            stale = stale(u.path());
        } else if (in instanceof ModelInput.NlmCancel c) {
            stale = stale(c.path());
        }
        if (!stale) {
            return in;
        }
        ModelInput.Request r = (ModelInput.Request) in;
        return new ModelInput.StaleHandle(
                r.req(), r.client(), in.getClass().getSimpleName().startsWith("Nlm"));
    }

    /** After a REMOVE or RMDIR: handles of {@code path} (and beneath it) name nothing any more. */
    private void removed(String path) {
        Set<String> others = aliases.remove(path);
        String survivor = null;
        if (others != null) {
            others.remove(path);
            for (String o : others) {
                aliases.computeIfPresent(o, (x, set) -> {
                    set.remove(path);
                    return set.isEmpty() ? null : set;
                });
            }
            survivor = others.stream().findFirst().orElse(null);
        }
        String target = survivor;
        paths.replaceAll(
                (fh, p) -> p.equals(path) ? (target != null ? target : STALE) : p.startsWith(path + "/") ? STALE : p);
    }

    /** After a RENAME: what {@code to} named is gone; what {@code from} named is now {@code to}. */
    private void renamed(String from, String to) {
        if (from.equals(to)) {
            return;
        }
        removed(to);
        Set<String> others = aliases.remove(from);
        if (others != null) {
            aliases.put(to, others);
            for (String o : others) {
                aliases.computeIfPresent(o, (x, set) -> {
                    set.remove(from);
                    set.add(to);
                    return set;
                });
            }
        }
        paths.replaceAll(
                (fh, p) -> p.equals(from) ? to : p.startsWith(from + "/") ? to + p.substring(from.length()) : p);
    }

    /** After a LINK: {@code existing} and {@code link} name one object. */
    private void linked(String existing, String link) {
        aliases.computeIfAbsent(existing, x -> ConcurrentHashMap.newKeySet()).add(link);
        aliases.computeIfAbsent(link, x -> ConcurrentHashMap.newKeySet()).add(existing);
        for (String o : Set.copyOf(aliases.get(existing))) {
            if (!o.equals(link)) {
                aliases.get(link).add(o);
                aliases.computeIfAbsent(o, x -> ConcurrentHashMap.newKeySet()).add(link);
            }
        }
    }

    private String child(String dir, String name) {
        if (dir != null && dir.startsWith(OUTSIDE)) {
            String full = dir.substring(OUTSIDE.length());
            return nfsScoped(full.isEmpty() ? name : full + "/" + name);
        }
        return dir == null ? null : dir.isEmpty() ? name : dir + "/" + name;
    }

    private ModelInput rpcRequest(Frame f, RpcCall c, String client) {
        long req = nextReq++;
        String k = key(f.connection(), Integer.toUnsignedLong(c.xid()));
        requests.put(k, req);
        rpcPrograms.put(k, c.program());
        rpcProcs.put(k, c.procedure());
        try {
            XdrIn in = args(f);
            if (c.program() == MOUNT) {
                if (c.procedure() == 1) {
                    pendingPaths.put(k, nfsScoped(""));
                    return new ModelInput.NfsGetattr(req, client, "");
                }
                return new ModelInput.NfsGetattr(req, client, "");
            }
            if (c.program() == NFS) {
                ModelInput nfs = nfsRequest(req, k, c.procedure(), in, client);
                return nfs == null ? null : staleOr(nfs);
            }
            if (c.program() == NLM) {
                return staleOr(nlmRequest(req, c.procedure(), in, client));
            }
        } catch (RuntimeException e) {
            return new ModelInput.Unknown(req, client, "undecodable RPC call: " + e.getMessage());
        }
        return new ModelInput.Unknown(req, client, "RPC program " + c.program());
    }

    private ModelInput unknownPath(long req, String client, String what) {
        return new ModelInput.Unknown(req, client, what + " of a file handle the engine never saw named");
    }

    private ModelInput nfsRequest(long req, String k, int proc, XdrIn in, String client) {
        switch (proc) {
            case 0 -> {
                return new ModelInput.NfsGetattr(req, client, "");
            }
            case 1, 4, 18, 19, 20, 21 -> {
                // GETATTR, ACCESS, FSSTAT, FSINFO, PATHCONF, COMMIT: read-only, never break (R-SMB-85)
                String p = path(in.opaque(64));
                if (p != null && p.startsWith(OUTSIDE)) {
                    // a look at a directory above the program's (the client walking down to it)
                    outsideRequests.add(k);
                    return null;
                }
                return p == null
                        ? unknownPath(req, client, "NFS proc " + proc)
                        : new ModelInput.NfsGetattr(req, client, p);
            }
            case 2 -> {
                String p = path(in.opaque(64));
                Long size = sattrSize(in);
                if (p == null) {
                    return unknownPath(req, client, "SETATTR");
                }
                return size == null
                        ? new ModelInput.Unknown(req, client, "SETATTR without a size")
                        : new ModelInput.NfsSetSize(req, client, p, size);
            }
            case 3 -> {
                String p = child(path(in.opaque(64)), in.string(255));
                if (p == null) {
                    return unknownPath(req, client, "LOOKUP");
                }
                pendingPaths.put(k, p);
                if (p.startsWith(OUTSIDE)) {
                    outsideRequests.add(k);
                    return null;
                }
                return new ModelInput.NfsLookup(req, client, p);
            }
            case 6 -> {
                String p = path(in.opaque(64));
                long offset = in.hyper();
                long count = in.uint32();
                return p == null
                        ? unknownPath(req, client, "READ")
                        : new ModelInput.NfsRead(req, client, p, offset, count);
            }
            case 7 -> {
                String p = path(in.opaque(64));
                long offset = in.hyper();
                in.uint32(); // count
                in.int32(); // stable
                byte[] data = in.opaque(Integer.MAX_VALUE);
                return p == null
                        ? unknownPath(req, client, "WRITE")
                        : new ModelInput.NfsWrite(req, client, p, offset, Bytes.of(data));
            }
            case 8 -> {
                String p = child(path(in.opaque(64)), in.string(255));
                int how = in.int32();
                Long size = null;
                long verifier = 0;
                if (how == 2) {
                    byte[] v = in.fixed(8);
                    for (byte b : v) {
                        verifier = verifier << 8 | (b & 0xFF);
                    }
                } else {
                    size = sattrSize(in);
                }
                if (p == null) {
                    return unknownPath(req, client, "CREATE");
                }
                pendingPaths.put(k, p);
                return new ModelInput.NfsCreate(
                        req, client, p, ModelInput.NfsCreateMode.values()[Math.min(how, 2)], size, verifier);
            }
            case 9 -> {
                String p = child(path(in.opaque(64)), in.string(255));
                if (p == null) {
                    return unknownPath(req, client, "MKDIR");
                }
                pendingPaths.put(k, p);
                return new ModelInput.NfsMkdir(req, client, p);
            }
            case 12, 13 -> {
                String p = child(path(in.opaque(64)), in.string(255));
                if (p == null) {
                    return unknownPath(req, client, proc == 12 ? "REMOVE" : "RMDIR");
                }
                pendingPaths.put(k, p);
                return proc == 12 ? new ModelInput.NfsRemove(req, client, p) : new ModelInput.NfsRmdir(req, client, p);
            }
            case 14 -> {
                String from = child(path(in.opaque(64)), in.string(255));
                String to = child(path(in.opaque(64)), in.string(255));
                if (from == null || to == null) {
                    return unknownPath(req, client, "RENAME");
                }
                pendingRenames.put(k, new String[] {from, to});
                return new ModelInput.NfsRename(req, client, from, to);
            }
            case 15 -> {
                String existing = path(in.opaque(64));
                String link = child(path(in.opaque(64)), in.string(255));
                if (existing == null || link == null) {
                    return unknownPath(req, client, "LINK");
                }
                pendingRenames.put(k, new String[] {existing, link});
                return new ModelInput.NfsLink(req, client, existing, link);
            }
            default -> {
                return new ModelInput.Unknown(req, client, "NFS proc " + proc);
            }
        }
    }

    /** sattr3 (RFC 1813 §2.5.3): the size, if set. */
    private static Long sattrSize(XdrIn in) {
        for (int i = 0; i < 3; i++) { // mode, uid, gid
            if (in.bool()) {
                in.int32();
            }
        }
        return in.bool() ? in.hyper() : null;
    }

    private ModelInput nlmRequest(long req, int proc, XdrIn in, String client) {
        in.opaque(1024); // cookie
        switch (proc) {
            case 1 -> { // TEST
                boolean exclusive = in.bool();
                Alock a = alock(in);
                return a.path == null
                        ? unknownPath(req, client, "NLM TEST")
                        : new ModelInput.NlmTest(req, client, a.owner, a.path, a.offset, a.length, exclusive);
            }
            case 2 -> { // LOCK
                boolean block = in.bool();
                boolean exclusive = in.bool();
                Alock a = alock(in);
                boolean reclaim = in.bool();
                return a.path == null
                        ? unknownPath(req, client, "NLM LOCK")
                        : new ModelInput.NlmLock(
                                req, client, a.owner, a.path, a.offset, a.length, exclusive, block, reclaim);
            }
            case 3 -> { // CANCEL
                in.bool(); // block
                boolean exclusive = in.bool();
                Alock a = alock(in);
                return a.path == null
                        ? unknownPath(req, client, "NLM CANCEL")
                        : new ModelInput.NlmCancel(req, client, a.owner, a.path, a.offset, a.length, exclusive);
            }
            case 4 -> { // UNLOCK
                Alock a = alock(in);
                return a.path == null
                        ? unknownPath(req, client, "NLM UNLOCK")
                        : new ModelInput.NlmUnlock(req, client, a.owner, a.path, a.offset, a.length);
            }
            default -> {
                return new ModelInput.Unknown(req, client, "NLM proc " + proc);
            }
        }
    }

    private record Alock(ModelInput.NlmOwner owner, String path, long offset, long length) {}

    /** nlm4_lock: caller_name, fh, oh, svid, l_offset, l_len. */
    private Alock alock(XdrIn in) {
        String caller = in.string(1024);
        byte[] fh = in.opaque(1024);
        in.opaque(1024); // oh
        int svid = in.int32();
        long offset = in.hyper();
        long length = in.hyper();
        return new Alock(new ModelInput.NlmOwner(caller, svid), path(fh), offset, length);
    }

    /** The path of an NFS file handle (for NLM GRANTED callbacks, which carry the handle). */
    String pathOf(byte[] fh) {
        return path(fh);
    }

    private void rpcOutput(Frame f, RpcReply r, List<ModelOutput> modelOut) {
        String k = key(f.connection(), Integer.toUnsignedLong(r.xid()));
        // the reply to a request outside the program's directory teaches handles, nothing more
        List<ModelOutput> out = outsideRequests.remove(k) ? new ArrayList<>() : modelOut;
        Long req = requests.remove(k);
        Integer program = rpcPrograms.remove(k);
        Integer proc = rpcProcs.remove(k);
        String pending = pendingPaths.remove(k);
        String[] pair = pendingRenames.remove(k);
        if (req == null || program == null) {
            return;
        }
        if (!r.accepted() || r.acceptStat() != RpcReply.SUCCESS) {
            out.add(new ModelOutput.Reply(req, "RPC_REJECTED", Payload.NotRecorded.INSTANCE));
            return;
        }
        int stat = r.status(program).orElse(-1);
        if (program == MOUNT) {
            if (stat == 0 && pending != null) {
                XdrIn in = results(f);
                in.int32(); // status
                paths.put(hex(in.opaque(64)), pending);
            }
            out.add(new ModelOutput.Reply(req, "NFS3_OK", Payload.NotRecorded.INSTANCE));
            return;
        }
        if (program == NLM) {
            out.add(new ModelOutput.Reply(req, nlmStatus(stat), nlmPayload(f, proc, stat)));
            return;
        }
        String status = Nfs3Status.nameOf(stat);
        Payload payload = Payload.NotRecorded.INSTANCE;
        if (stat == 0 && proc != null) {
            XdrIn in = results(f);
            in.int32(); // status
            switch (proc) {
                case 3 -> {
                    if (pending != null) {
                        paths.put(hex(in.opaque(64)), pending);
                    }
                }
                case 8, 9 -> {
                    if (pending != null && in.bool()) {
                        paths.put(hex(in.opaque(64)), pending);
                    }
                }
                case 12, 13 -> {
                    if (pending != null && !stale(pending)) {
                        removed(pending);
                    }
                }
                case 14 -> {
                    if (pair != null && !stale(pair[0]) && !stale(pair[1])) {
                        renamed(pair[0], pair[1]);
                    }
                }
                case 15 -> {
                    if (pair != null && !stale(pair[0]) && !stale(pair[1])) {
                        linked(pair[0], pair[1]);
                    }
                }
                case 6 -> {
                    if (in.bool()) {
                        in.fixed(84); // fattr3
                    }
                    in.uint32(); // count
                    boolean eof = in.bool();
                    payload = new Payload.Data(Bytes.of(in.opaque(Integer.MAX_VALUE)), eof);
                }
                default -> {}
            }
        }
        out.add(new ModelOutput.Reply(req, status, payload));
    }

    private static final String[] NLM_STATS = {
        "GRANTED",
        "DENIED",
        "DENIED_NOLOCKS",
        "BLOCKED",
        "DENIED_GRACE_PERIOD",
        "DEADLCK",
        "ROFS",
        "STALE_FH",
        "FBIG",
        "FAILED"
    };

    private static String nlmStatus(int stat) {
        return stat >= 0 && stat < NLM_STATS.length ? "NLM4_" + NLM_STATS[stat] : "NLM4_" + stat;
    }

    /** nlm4_testres: on DENIED the holder (exclusive, svid, oh, l_offset, l_len). */
    private static Payload nlmPayload(Frame f, Integer proc, int stat) {
        if (proc == null || proc != 1 || stat != 1) {
            return Payload.NotRecorded.INSTANCE;
        }
        XdrIn in = results(f);
        in.opaque(1024); // cookie
        in.int32(); // stat
        boolean exclusive = in.bool();
        in.int32(); // svid
        in.opaque(1024); // oh
        long offset = in.hyper();
        long length = in.hyper();
        return new Payload.TestHolder(exclusive, offset, length);
    }

    static String describe(ModelInput in) {
        return in.toString().toLowerCase(Locale.ROOT);
    }
}
