package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.nlm.NlmStat;

/** NLM status checks shared by the nlm.* ops. */
final class NlmText {
    private NlmText() {}

    /** Whether {@code st} is one of the {@code |}-separated alternatives (with or without NLM4_). */
    static boolean matches(String alternatives, NlmStat st) {
        for (String alt : alternatives.split("\\|")) {
            String a = alt.strip();
            if (a.equalsIgnoreCase(st.name()) || a.equalsIgnoreCase("NLM4_" + st.name())) {
                return true;
            }
        }
        return false;
    }

    /** The op's result when {@code st} is expected, else the failure naming the status. */
    static OpResult expect(NlmStat st, String expected, String what) throws OpStatusException {
        if (!matches(expected, st)) {
            throw new OpStatusException(
                    "NLM4_" + st.name(), what + " answered NLM4_" + st.name() + ", expected " + expected);
        }
        return OpResult.status("NLM4_" + st.name(), st.name());
    }
}
