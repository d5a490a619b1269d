package io.interlock.scenarios.model;

import java.util.Set;
import java.util.TreeSet;

/** What the model accepts as a reply's payload. An unrecorded payload is never compared. */
public sealed interface PayloadMatch {

    /** Whether {@code observed} is acceptable. */
    boolean matches(Payload observed);

    /** The rule a mismatch violates; {@code dflt} unless the matcher knows better. */
    default String rule(Payload observed, String dflt) {
        return dflt;
    }

    /** {@code inner}, whose mismatch breaks {@code rule} rather than the reply's rule. */
    record Ruled(PayloadMatch inner, String rule) implements PayloadMatch {
        @Override
        public boolean matches(Payload observed) {
            return inner.matches(observed);
        }

        @Override
        public String rule(Payload observed, String dflt) {
            return rule;
        }

        @Override
        public String toString() {
            return inner.toString();
        }
    }

    /** Any payload (the model does not predict it). */
    enum Any implements PayloadMatch {
        INSTANCE;

        @Override
        public boolean matches(Payload observed) {
            return true;
        }

        @Override
        public String toString() {
            return "any";
        }
    }

    /** Exactly one of {@code options} (a set where the catalog leaves the server a choice). */
    record OneOf(Set<Payload> options) implements PayloadMatch {
        public OneOf {
            options = Set.copyOf(options);
        }

        public static OneOf exactly(Payload p) {
            return new OneOf(Set.of(p));
        }

        @Override
        public boolean matches(Payload observed) {
            return observed instanceof Payload.NotRecorded || options.contains(observed);
        }

        @Override
        public String toString() {
            return options.size() == 1 ? options.iterator().next().toString() : "one of " + options;
        }
    }

    /**
     * READ data: a prefix of {@code full} (a short read is legal, RFC 1813 §3.3.6; [MS-SMB2] 3.3.5.12),
     * non-empty unless {@code full} is; for NFS the eof flag must be TRUE exactly when the data
     * reaches the end of the file (R-NFS-6).
     *
     * @param reachesEof whether offset + full.size() is the file size
     * @param nfs whether the eof flag is compared
     */
    record ReadPrefix(Bytes full, boolean reachesEof, boolean nfs) implements PayloadMatch {
        @Override
        public boolean matches(Payload observed) {
            if (observed instanceof Payload.NotRecorded) {
                return true;
            }
            if (!(observed instanceof Payload.Data d) || !full.startsWith(d.data())) {
                return false;
            }
            if (d.data().size() == 0 && full.size() > 0) {
                return false;
            }
            boolean whole = d.data().size() == full.size();
            return !nfs || d.eof() == null || d.eof() == (whole && reachesEof);
        }

        /** Wrong data breaks the reply's rule (a lost or stale write); a wrong eof flag R-NFS-6. */
        @Override
        public String rule(Payload observed, String dflt) {
            return nfs && observed instanceof Payload.Data d && full.startsWith(d.data()) ? "R-NFS-6" : dflt;
        }

        @Override
        public String toString() {
            return "data " + full + (nfs ? " eof=" + reachesEof : "") + " (or a non-empty prefix)";
        }
    }

    /**
     * NetShareEnumAll's names, as a set: the enabled shares when the pipe was opened (R-CACHE-1,
     * R-CACHE-2, R-CACHE-3, R-CACHE-5).
     *
     * @param disabled shares that exist but are disabled, to name R-CACHE-5 when one is listed
     * @param previous the listing before the last change, to name R-CACHE-3 when it is returned
     */
    record Shares(Set<String> names, Set<String> disabled, Set<String> previous) implements PayloadMatch {
        public Shares {
            names = Set.copyOf(names);
            disabled = Set.copyOf(disabled);
            previous = Set.copyOf(previous);
        }

        @Override
        public boolean matches(Payload observed) {
            return observed instanceof Payload.NotRecorded
                    || observed instanceof Payload.ShareNames s && s.names().equals(names);
        }

        @Override
        public String rule(Payload observed, String dflt) {
            if (observed instanceof Payload.ShareNames s) {
                for (String n : s.names()) {
                    if (disabled.contains(n)) {
                        return "R-CACHE-5"; // a disabled share listed (DittoFS lists them)
                    }
                }
                if (s.names().equals(previous)) {
                    return "R-CACHE-3"; // the list from before the change: a stale cache
                }
                for (String n : names) {
                    if (!s.names().contains(n)) {
                        return "R-CACHE-1";
                    }
                }
                return "R-CACHE-2";
            }
            return dflt;
        }

        @Override
        public String toString() {
            return "shares " + new TreeSet<>(names);
        }
    }
}
