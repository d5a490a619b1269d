package io.interlock.scenarios.targets;

import java.net.InetSocketAddress;

/**
 * How a target's NLM server reaches the engine's callback listener when it calls back as lockd
 * does (asks the portmapper on the caller_name host for NLM, then connects there): the listener
 * listens on {@code listen}, the engine's NLM clients send {@code callerName}, and the target has
 * already arranged for that host's portmapper to map NLM to {@code listen}'s port (nothing to
 * register). The local ganesha target does so inside its network namespace.
 *
 * @param listen where the callback listener binds (an address of this host)
 * @param callerName the caller_name the engine's NLM clients send (their owners stay distinct by
 *     svid and owner handle)
 */
public record NlmCallbackRoute(InetSocketAddress listen, String callerName) {}
