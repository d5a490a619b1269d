package io.interlock.scenarios.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The op table: each op's name (the only place it is spelled), its record type and the protocol of
 * the client that performs it. Decodes a step's YAML fields into the record once, rejecting unknown
 * fields, and encodes records back (a shrunk program printed as a catalog scenario).
 */
public final class OpRegistry {

    /** @param protocol the client protocol ("smb", "nfs", "nlm"), or null for an engine op */
    public record OpType(String name, Class<? extends Op> type, String protocol) {}

    private static final List<OpType> TYPES = List.of(
            new OpType("smb.open", SmbOpenOp.class, "smb"),
            new OpType("smb.write", SmbWriteOp.class, "smb"),
            new OpType("smb.read", SmbReadOp.class, "smb"),
            new OpType("smb.close", SmbCloseOp.class, "smb"),
            new OpType("smb.lock", SmbLockOp.class, "smb"),
            new OpType("smb.unlock", SmbUnlockOp.class, "smb"),
            new OpType("smb.await-break", SmbAwaitBreakOp.class, "smb"),
            new OpType("smb.ack", SmbAckOp.class, "smb"),
            new OpType("smb.lease-state", SmbLeaseStateOp.class, "smb"),
            new OpType("nfs.write", NfsWriteOp.class, "nfs"),
            new OpType("nfs.read", NfsReadOp.class, "nfs"),
            new OpType("nfs.create", NfsCreateOp.class, "nfs"),
            new OpType("nfs.setattr", NfsSetattrOp.class, "nfs"),
            new OpType("nfs.remove", NfsRemoveOp.class, "nfs"),
            new OpType("nfs.rename", NfsRenameOp.class, "nfs"),
            new OpType("nfs.mkdir", NfsMkdirOp.class, "nfs"),
            new OpType("nfs.rmdir", NfsRmdirOp.class, "nfs"),
            new OpType("nfs.link", NfsLinkOp.class, "nfs"),
            new OpType("nlm.lock", NlmLockOp.class, "nlm"),
            new OpType("nlm.test", NlmTestOp.class, "nlm"),
            new OpType("nlm.unlock", NlmUnlockOp.class, "nlm"),
            new OpType("nlm.cancel", NlmCancelOp.class, "nlm"),
            new OpType("nlm.await-granted", NlmAwaitGrantedOp.class, "nlm"),
            new OpType("share.add", ShareAddOp.class, null),
            new OpType("share.remove", ShareRemoveOp.class, null),
            new OpType("share.disable", ShareDisableOp.class, null),
            new OpType("share.list", ShareListOp.class, null),
            new OpType("server.breaks", ServerBreaksOp.class, null),
            new OpType("join", JoinOp.class, null),
            new OpType("pause", PauseOp.class, null));

    private static final Map<String, OpType> BY_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(OpType::name, Function.identity()));
    private static final Map<Class<? extends Op>, OpType> BY_TYPE =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(OpType::type, Function.identity()));

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private OpRegistry() {}

    /** Every op name, in table order. */
    public static List<String> names() {
        return TYPES.stream().map(OpType::name).toList();
    }

    public static OpType type(String name) {
        OpType t = BY_NAME.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown op " + name + ", expected one of " + names());
        }
        return t;
    }

    public static OpType typeOf(Op op) {
        return BY_TYPE.get(op.getClass());
    }

    public static String nameOf(Op op) {
        return typeOf(op).name();
    }

    /** Decodes the op {@code name} from its fields (unknown fields are an error naming them). */
    public static Op decode(String name, Map<String, Object> fields) {
        OpType t = type(name);
        try {
            return MAPPER.convertValue(fields, t.type());
        } catch (IllegalArgumentException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage().lines().findFirst().orElse("")
                    : e.getMessage();
            throw new IllegalArgumentException(name + ": " + why, e);
        }
    }

    /** The op's fields (nulls left out), as {@link #decode} takes them. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> encode(Op op) {
        Map<String, Object> m = MAPPER.convertValue(op, LinkedHashMap.class);
        return m;
    }

    /** The ops a client of {@code protocol} performs. */
    public static Set<String> namesOf(String protocol) {
        return TYPES.stream()
                .filter(t -> protocol.equals(t.protocol()))
                .map(OpType::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
