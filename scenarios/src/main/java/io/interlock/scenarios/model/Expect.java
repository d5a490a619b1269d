package io.interlock.scenarios.model;

import java.util.Set;
import java.util.TreeSet;

/**
 * One output the model expects in a window, with the catalog rule that demands it. An output is
 * matched to an expectation of the same {@link #identity()} (the request, the lease, the open, the
 * waiter); the remaining fields must then agree. Optional expectations may be missing.
 */
public sealed interface Expect {

    /** The catalog rule (or checker property) that demands this output. */
    String rule();

    /** Whether the output may be missing. */
    boolean optional();

    /** The key an observed output is matched by. */
    String identity();

    /** Empty when {@code o} (of the same identity) agrees, else what differs. */
    String mismatch(ModelOutput o);

    /** The rule a mismatch of {@code o} violates. */
    default String mismatchRule(ModelOutput o) {
        return rule();
    }

    /** The identity of an observed output, comparable with {@link #identity()}. */
    static String identityOf(ModelOutput o) {
        if (o instanceof ModelOutput.Reply r) {
            return "reply " + r.req();
        }
        if (o instanceof ModelOutput.Interim i) {
            return "interim " + i.req();
        }
        if (o instanceof ModelOutput.LeaseBreak b) {
            return "lease break " + b.client() + "/" + b.key();
        }
        if (o instanceof ModelOutput.OplockBreak b) {
            return "oplock break " + b.client() + ":" + b.handle();
        }
        ModelOutput.NlmGranted g = (ModelOutput.NlmGranted) o;
        return "GRANTED " + g.client() + " " + g.owner() + " " + g.path() + " " + g.offset() + "+" + g.length()
                + (g.exclusive() ? " exclusive" : " shared");
    }

    /** The final reply to {@code req} with one of {@code statuses} and a matching payload. */
    record Reply(String rule, long req, Set<String> statuses, PayloadMatch payload, boolean optional)
            implements Expect {
        public Reply {
            statuses = Set.copyOf(statuses);
        }

        @Override
        public String identity() {
            return "reply " + req;
        }

        @Override
        public String mismatch(ModelOutput o) {
            ModelOutput.Reply r = (ModelOutput.Reply) o;
            if (!statuses.contains(r.status())) {
                return "status " + r.status() + ", expected " + statusText();
            }
            if (!payload.matches(r.payload())) {
                return "payload " + r.payload() + ", expected " + payload;
            }
            return "";
        }

        @Override
        public String mismatchRule(ModelOutput o) {
            ModelOutput.Reply r = (ModelOutput.Reply) o;
            return statuses.contains(r.status()) ? payload.rule(r.payload(), rule) : rule;
        }

        private String statusText() {
            return statuses.size() == 1 ? statuses.iterator().next() : "one of " + new TreeSet<>(statuses);
        }

        @Override
        public String toString() {
            return "Reply(" + req + ", " + statusText() + (payload == PayloadMatch.Any.INSTANCE ? "" : ", " + payload)
                    + ")";
        }
    }

    /** An interim STATUS_PENDING for a request that goes async (R-SMB-65). */
    record Interim(String rule, long req, boolean optional) implements Expect {
        @Override
        public String identity() {
            return "interim " + req;
        }

        @Override
        public String mismatch(ModelOutput o) {
            return "";
        }

        @Override
        public String toString() {
            return "Interim(" + req + ")";
        }
    }

    /** A lease break notification with exactly these fields. */
    record LeaseBreak(
            String rule,
            String client,
            String key,
            int current,
            int newState,
            boolean ackRequired,
            int epoch,
            boolean v2)
            implements Expect {
        @Override
        public boolean optional() {
            return false;
        }

        @Override
        public String identity() {
            return "lease break " + client + "/" + key;
        }

        @Override
        public String mismatch(ModelOutput o) {
            ModelOutput.LeaseBreak b = (ModelOutput.LeaseBreak) o;
            if (b.newState() != newState
                    || b.current() != current
                    || b.ackRequired() != ackRequired
                    || b.epoch() != epoch
                    || b.v2() != v2) {
                return "seen " + b + ", expected " + this;
            }
            return "";
        }

        /** The field that differs decides the rule: target and ack (this rule), current, epoch. */
        @Override
        public String mismatchRule(ModelOutput o) {
            ModelOutput.LeaseBreak b = (ModelOutput.LeaseBreak) o;
            if (b.newState() == newState && b.ackRequired() != ackRequired) {
                return "R-SMB-47";
            }
            if (b.newState() == newState && b.current() != current) {
                return "R-SMB-46";
            }
            if (b.newState() == newState && b.ackRequired() == ackRequired && b.epoch() != epoch) {
                return v2 ? "R-SMB-60" : "R-SMB-48";
            }
            return rule;
        }

        @Override
        public String toString() {
            return "LeaseBreak(" + client + "/" + key + " " + CacheBits.name(current) + "->"
                    + CacheBits.name(newState) + (ackRequired ? " ACK_REQUIRED" : "") + " epoch=" + epoch
                    + (v2 ? " v2" : " v1") + ")";
        }
    }

    /** An oplock break notification to an open, to level II or NONE (R-SMB-45). */
    record OplockBreak(String rule, String client, String handle, OplockLevel level) implements Expect {
        @Override
        public boolean optional() {
            return false;
        }

        @Override
        public String identity() {
            return "oplock break " + client + ":" + handle;
        }

        @Override
        public String mismatch(ModelOutput o) {
            ModelOutput.OplockBreak b = (ModelOutput.OplockBreak) o;
            return b.level() == level ? "" : "break to " + b.level() + ", expected to " + level;
        }

        /** A level other than II or NONE breaks the notification format (R-SMB-45). */
        @Override
        public String mismatchRule(ModelOutput o) {
            OplockLevel l = ((ModelOutput.OplockBreak) o).level();
            return l == OplockLevel.II || l == OplockLevel.NONE ? rule : "R-SMB-45";
        }

        @Override
        public String toString() {
            return "OplockBreak(" + client + ":" + handle + " to " + level + ")";
        }
    }

    /** A GRANTED callback for a blocked NLM LOCK (R-NLM-4). */
    record Granted(
            String rule,
            String client,
            ModelInput.NlmOwner owner,
            String path,
            long offset,
            long length,
            boolean exclusive,
            boolean optional)
            implements Expect {
        @Override
        public String identity() {
            return "GRANTED " + client + " " + owner + " " + path + " " + offset + "+" + length
                    + (exclusive ? " exclusive" : " shared");
        }

        @Override
        public String mismatch(ModelOutput o) {
            return "";
        }

        @Override
        public String toString() {
            return identity();
        }
    }
}
