package io.interlock.scenarios.model;

import java.util.Set;
import java.util.TreeSet;

/** What a reply carries besides its status, typed per request. */
public sealed interface Payload {

    /** The engine did not record the payload: it is not compared. */
    enum NotRecorded implements Payload {
        INSTANCE;

        @Override
        public String toString() {
            return "not recorded";
        }
    }

    /** A reply without data of interest (CLOSE, WRITE, UNLOCK, ...). */
    enum Empty implements Payload {
        INSTANCE;

        @Override
        public String toString() {
            return "empty";
        }
    }

    /**
     * READ data (SMB2 READ, NFSv3 READ).
     *
     * @param eof the NFSv3 eof flag; null for SMB
     */
    record Data(Bytes data, Boolean eof) implements Payload {}

    /**
     * The lease in a CREATE response ([MS-SMB2] 2.2.14.2.10/.11).
     *
     * @param state LeaseState (the pre-ack state while breaking, R-SMB-23)
     * @param flags 0x2 BREAK_IN_PROGRESS, 0x4 PARENT_LEASE_KEY_SET
     * @param epoch Epoch (v2 responses; 0 in v1)
     * @param version the version the lease was created with, which the response uses (R-SMB-6)
     */
    record LeaseGrant(int state, int flags, int epoch, int version) {
        public static final int BREAK_IN_PROGRESS = 0x2;
        public static final int PARENT_LEASE_KEY_SET = 0x4;

        @Override
        public String toString() {
            return CacheBits.name(state) + ((flags & BREAK_IN_PROGRESS) != 0 ? " BREAK_IN_PROGRESS" : "")
                    + ((flags & PARENT_LEASE_KEY_SET) != 0 ? " PARENT_KEY" : "") + " epoch=" + epoch + " v"
                    + version;
        }
    }

    /**
     * A successful CREATE: the OplockLevel, and the lease context when one is returned (then the
     * level is LEASE, R-SMB-13).
     */
    record Created(OplockLevel oplock, LeaseGrant lease) implements Payload {}

    /** A lease break acknowledgment response: the resulting LeaseState (R-SMB-53). */
    record LeaseAcked(int state) implements Payload {}

    /** An oplock break acknowledgment response: the resulting level (R-SMB-56). */
    record OplockAcked(OplockLevel level) implements Payload {}

    /** NLM4_TEST's nlm4_holder on DENIED (exclusive, l_offset, l_len; svid and oh are not compared). */
    record TestHolder(boolean exclusive, long offset, long length) implements Payload {}

    /** NFS GETATTR / LOOKUP attributes the model knows: the type and the size. */
    record Attrs(boolean directory, long size) implements Payload {}

    /** NetShareEnumAll: the share names, compared as a set (R-CACHE-3: no order). */
    record ShareNames(Set<String> names) implements Payload {
        public ShareNames {
            names = Set.copyOf(names);
        }

        @Override
        public String toString() {
            return "ShareNames" + new TreeSet<>(names);
        }
    }
}
