package io.interlock.scenarios.clients.nlm;

import java.time.Instant;

/**
 * One call the server made to the client's callback listener.
 *
 * @param procedure NLM procedure number (5 GRANTED, 10 GRANTED_MSG, 11..15 the _RES calls)
 * @param callerName caller_name of the alock (GRANTED), else null
 * @param lock the alock (GRANTED), else null
 * @param exclusive the exclusive flag (GRANTED)
 * @param cookie the cookie
 * @param stat the status (_RES calls), else null
 * @param holder the holder of a TEST_RES DENIED, else null
 * @param answered what the listener answered to a GRANTED (GRANTED or DENIED), else null
 * @param at when it arrived
 */
public record NlmCallback(
        int procedure,
        String callerName,
        NlmLockSpec lock,
        boolean exclusive,
        byte[] cookie,
        NlmStat stat,
        NlmTestResult.Holder holder,
        NlmStat answered,
        Instant at) {
    public static final int GRANTED = 5;
    public static final int GRANTED_MSG = 10;
    public static final int TEST_RES = 11;
    public static final int LOCK_RES = 12;
    public static final int CANCEL_RES = 13;
    public static final int UNLOCK_RES = 14;
    public static final int GRANTED_RES = 15;
}
