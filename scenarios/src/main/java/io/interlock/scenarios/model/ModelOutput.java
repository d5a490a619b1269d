package io.interlock.scenarios.model;

import java.util.Objects;

/**
 * What a server emits in a window. Outputs to different clients within one window are unordered;
 * outputs to one client keep their order.
 */
public sealed interface ModelOutput {

    /** The client (connection) the output goes to, when the model can tell; replies: null. */
    String client();

    /**
     * The final reply to request {@code req}: possibly to an earlier, held request.
     *
     * @param status the protocol's status name ({@link Status})
     * @param payload what the reply carried, typed per request ({@link Payload.NotRecorded} when the
     *     engine did not record it)
     */
    record Reply(long req, String status, Payload payload) implements ModelOutput {
        public Reply {
            Objects.requireNonNull(status, "status");
            payload = payload == null ? Payload.NotRecorded.INSTANCE : payload;
        }

        public Reply(long req, String status) {
            this(req, status, Payload.NotRecorded.INSTANCE);
        }

        @Override
        public String client() {
            return null;
        }

        @Override
        public String toString() {
            return "Reply(" + req + ", " + status + (payload instanceof Payload.NotRecorded ? "" : ", " + payload)
                    + ")";
        }
    }

    /** An SMB2 interim response (STATUS_PENDING with an AsyncId, [MS-SMB2] 3.3.4.2) to {@code req}. */
    record Interim(long req) implements ModelOutput {
        @Override
        public String client() {
            return null;
        }
    }

    /**
     * An SMB2 lease break notification ([MS-SMB2] 2.2.23.2).
     *
     * @param current CurrentLeaseState
     * @param newState NewLeaseState
     * @param epoch NewEpoch (0 for v1 leases and on 2.1)
     * @param v2 whether the lease was created with a v2 context
     */
    record LeaseBreak(String client, String key, int current, int newState, boolean ackRequired, int epoch, boolean v2)
            implements ModelOutput {
        @Override
        public String toString() {
            return "LeaseBreak(" + client + "/" + key + " " + CacheBits.name(current) + "->"
                    + CacheBits.name(newState) + (ackRequired ? " ACK_REQUIRED" : "") + " epoch=" + epoch
                    + (v2 ? " v2" : " v1") + ")";
        }
    }

    /** An SMB2 oplock break notification ([MS-SMB2] 2.2.23.1) to an open: level II or NONE. */
    record OplockBreak(String client, String handle, OplockLevel level) implements ModelOutput {}

    /**
     * An NLM4_GRANTED (or GRANTED_MSG) callback for a blocked LOCK (catalog §3.4), carrying the
     * original alock.
     */
    record NlmGranted(
            String client, ModelInput.NlmOwner owner, String path, long offset, long length, boolean exclusive)
            implements ModelOutput {}
}
