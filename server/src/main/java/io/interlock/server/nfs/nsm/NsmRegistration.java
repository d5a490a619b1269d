package io.interlock.server.nfs.nsm;

/**
 * One SM_MON registration as the server keeps it: what was asked, and the transport source host
 * that asked (where SM_NOTIFY goes after our restart; spec §3.5, DittoFS #1356: the callback
 * target is the transport source, not my_name).
 *
 * @param mon the mon argument
 * @param host the registrant's IP address, textual
 */
public record NsmRegistration(NsmMon mon, String host) {}
