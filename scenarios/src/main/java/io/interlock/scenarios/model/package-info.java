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
 * implementations must agree ({@code ModelIndependenceTest} enforces both).
 *
 * <p>Areas, one class each: {@code Files} (namespace and contents), {@code Breaks} (lease and oplock
 * breaks, acks, timers), {@code Grants} (what a CREATE is granted), {@code Locks} (the one byte-range
 * table of SMB and NLM), {@code SmbCreateRules}, {@code SmbRules}, {@code NfsRules}, {@code
 * NlmRules}, {@code ShareRules}, and {@code Releases} (held operations, waiters, timers firing,
 * disconnects).
 *
 * <h2>Choices the catalogs leave to the server (each is a branch; the observation decides)</h2>
 *
 * <ul>
 *   <li>Q1 and Q2 of the SMB catalog (§5): caching beside byte-range locks, H beside an uncached
 *       open ({@code Grants}).
 *   <li>Whether an entry change waits for the ack of the directory-lease break it causes (R-XP-5
 *       names only the break; MS-FSA breaks parent oplocks without waiting).
 *   <li>The order in which requests released in one window take effect.
 *   <li>When a cancelled NLM LOCK that was waiting for lease breaks is answered DENIED: with the
 *       CANCEL or when its wait would have ended (R-XP-8 says only that it takes no lock).
 *   <li>Short READs (RFC 1813 §3.3.6, [MS-SMB2] 3.3.5.12); statuses where the NFS catalog lists a
 *       set (§2.4, R-NFS-11); INVALID_DEVICE_STATE or INVALID_OPLOCK_PROTOCOL (R-SMB-55).
 *   <li>The GRANTED callback within {@code ModelConfig#nlmGrantedBoundNanos} of the release (R-NLM-4;
 *       0 = the same window).
 * </ul>
 *
 * <h2>Decisions where the catalogs are silent (Samba on Linux beside a POSIX NFS server)</h2>
 *
 * <ul>
 *   <li>An SMB open keeps reading and writing its file after an NFS REMOVE or RENAME (POSIX unlink
 *       semantics): opens, leases and locks refer to the object, not the name ({@code Files}).
 *   <li>A lease is bound to the object: after an NFS RENAME a same-key open under the new name is
 *       the same lease (ST v2_rename), under any other object's name INVALID_PARAMETER (R-SMB-10).
 *   <li>SMB byte-range semantics follow Samba's {@code brl_conflict}: an open's exclusive lock
 *       conflicts with its own overlapping locks, a shared one may stack on its own exclusive lock;
 *       SMB writes are refused by the open's own shared locks; an SMB UNLOCK must name a locked
 *       range exactly (else RANGE_NOT_LOCKED); SMB locks do not merge ({@code Locks}).
 *   <li>An explicit CLOSE ends the open's pending LOCKs with RANGE_NOT_LOCKED, CANCELLED or
 *       FILE_CLOSED (any); a disconnect ends them silently.
 *   <li>NFS REMOVE, RENAME and RMDIR break first, then apply NT share semantics: an SMB open without
 *       FILE_SHARE_DELETE left after the break makes them NFS3ERR_ACCES (catalog §2.9, R-SMB-82). This
 *       failure after a break is the one case where R-XP-12's "failed operations break nothing" does
 *       not apply: the break is what gives the holder the chance to close.
 *   <li>A held request is evaluated again when it is released: a holder that appeared meanwhile is
 *       broken in turn and may hold it again (break before effect, R-XP-7).
 *   <li>A client that disconnects loses its held SMB requests (R-SMB-66); its held NFS and NLM
 *       requests still take effect, unseen (the NFS server cannot tell).
 *   <li>NLM: the grace period is over; a reclaim is refused DENIED_GRACE_PERIOD as Linux lockd does
 *       outside grace. A re-sent identical blocked LOCK is answered BLOCKED again.
 *   <li>The NFS break policy does not apply to NLM: a LOCK always waits, bounded (R-XP-8).
 * </ul>
 *
 * <h2>Not modelled (the checker counts such windows as unchecked)</h2>
 *
 * <p>Inputs the model does not know ({@code ModelInput.Unknown}), zero-length SMB locks, NLM locks
 * on directories, overwriting dispositions on directories, adding an existing share. R-XP-13 (break
 * counters and durations) is not visible in windows and is not checked here.
 */
package io.interlock.scenarios.model;
