package io.interlock.scenarios.clients.nlm;

import io.interlock.scenarios.clients.rpc.XdrIn;

/**
 * A TEST answer: the status and, for DENIED, the holder (nlm4_holder).
 *
 * @param stat the status
 * @param holder the conflicting lock, or null
 */
public record NlmTestResult(NlmStat stat, Holder holder) {
    /** nlm4_holder: exclusive, svid, oh, l_offset, l_len. */
    public record Holder(boolean exclusive, int svid, byte[] oh, long offset, long length) {}

    static NlmTestResult decode(XdrIn in) {
        in.opaque(1024); // cookie
        NlmStat s = NlmStat.of(in.int32());
        if (s != NlmStat.DENIED) {
            return new NlmTestResult(s, null);
        }
        return new NlmTestResult(s, new Holder(in.bool(), in.int32(), in.opaque(1024), in.hyper(), in.hyper()));
    }
}
