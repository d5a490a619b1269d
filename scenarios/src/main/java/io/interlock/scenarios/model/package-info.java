/**
 * The reference model: a pure description of a <em>correct</em> SMB2/3 + NFSv3 + NLM server, window
 * by window, and the {@link io.interlock.scenarios.model.WindowChecker} that compares a real server's
 * windows with it.
 *
 * <p>The race engine runs in lockstep: one input reaches the server (a request, a break ack, virtual
 * time passing, a disconnect, a share administration call), the server reacts and goes quiet. That
 * reaction is a {@link io.interlock.scenarios.model.Window}. {@link
 * io.interlock.scenarios.model.ReferenceModel#allowed} says what a correct server must, may and must
 * not emit in it; {@link io.interlock.scenarios.model.ReferenceModel#apply} moves the model on, using
 * the observed outputs to settle the choices the catalogs leave to the server.
 *
 * <p>Rules (STYLE.md 14): no I/O, no clock, no threads; every rule cites its catalog ID
 * ({@code R-SMB-n}, {@code R-XP-n}, {@code R-NLM-n}, {@code R-NFS-n}, {@code R-CACHE-n}) at the place
 * it is encoded and in every violation it produces. Nothing here imports the server: protocol
 * constants are written down again with their spec citation, so that two independent
 * implementations must agree.
 *
 * <p>Areas, one class each: {@code Files} (namespace and contents), {@code Breaks} (lease and oplock
 * breaks, acks, timers), {@code Grants} (what a CREATE is granted), {@code Locks} (the one byte-range
 * table of SMB and NLM, waiters), {@code SmbRules}, {@code SmbCreateRules}, {@code NfsRules}, {@code
 * NlmRules}, {@code ShareRules}, and {@code Releases} (held operations, timers firing, disconnects).
 */
package io.interlock.scenarios.model;
