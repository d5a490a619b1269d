package io.interlock.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Short builders for hand-made window sequences in the model's tests. */
final class Dsl {
    private Dsl() {}

    static final ModelInput.NlmOwner N1 = new ModelInput.NlmOwner("nhost", 1);
    static final ModelInput.NlmOwner N2 = new ModelInput.NlmOwner("nhost", 2);

    /** A run: windows, checked against the model with {@code cfg}. */
    static final class Run {
        final ModelConfig cfg;
        final List<Window> windows = new ArrayList<>();

        Run(ModelConfig cfg) {
            this.cfg = cfg;
        }

        Run w(ModelInput in, ModelOutput... outs) {
            windows.add(new Window(windows.size() + 1, in, List.of(outs)));
            return this;
        }

        CheckResult check() {
            return new WindowChecker().check(cfg, windows);
        }

        /** Every window is checked and correct. */
        Run passes() {
            CheckResult r = check();
            assertThat(r.violations()).as("violations").isEmpty();
            assertThat(r.notes()).as("notes").isEmpty();
            assertThat(r.unchecked()).isZero();
            assertThat(r.checked()).isEqualTo(windows.size());
            return this;
        }

        /** The last window violates {@code rule} (and every earlier one is correct). */
        Violation violates(String rule) {
            CheckResult r = check();
            assertThat(r.violations()).as("violations").isNotEmpty();
            assertThat(r.checked()).as("windows checked before the violation").isEqualTo(windows.size() - 1);
            assertThat(r.violations()).extracting(Violation::ruleId).contains(rule);
            Violation v = r.violations().stream()
                    .filter(x -> x.ruleId().equals(rule))
                    .findFirst()
                    .orElseThrow();
            assertThat(v.message()).startsWith(rule + ": ");
            assertThat(v.decision()).isEqualTo(windows.size());
            return v;
        }

        /** The state after the run, following the first fitting branch of each window. */
        ModelState state() {
            ReferenceModel m = new ReferenceModel();
            ModelState s = ModelState.initial(cfg);
            for (Window w : windows) {
                s = m.apply(s, w.input(), w.outputs());
            }
            return s;
        }
    }

    static Run run() {
        return new Run(ModelConfig.defaults());
    }

    static Run run(ModelConfig cfg) {
        return new Run(cfg);
    }

    /** Client A holds a v2 lease {@code state} on f under key ka (epoch 1), alone on the file. */
    static Run aHolds(ModelConfig cfg, String state) {
        return run(cfg).w(open(1, "A", "a", "f", v2("ka", state)), leased(1, state, 1, 2));
    }

    static Run aHolds(String state) {
        return aHolds(ModelConfig.defaults(), state);
    }

    /** Client A holds oplock {@code level} on f, alone on the file. */
    static Run aOplock(OplockLevel level) {
        return run().w(open(1, "A", "a", "f", level), oplocked(1, level));
    }

    // inputs ------------------------------------------------------------------------------------

    static ModelInput.LeaseRequest v2(String key, String state) {
        return ModelInput.LeaseRequest.v2(key, CacheBits.parse(state));
    }

    static ModelInput.LeaseRequest v1(String key, String state) {
        return ModelInput.LeaseRequest.v1(key, CacheBits.parse(state));
    }

    static ModelInput.SmbCreate open(long req, String client, String handle, String path, ModelInput.LeaseRequest l) {
        return ModelInput.SmbCreate.withLease(req, client, handle, path, l);
    }

    static ModelInput.SmbCreate open(long req, String client, String handle, String path, OplockLevel o) {
        return ModelInput.SmbCreate.withOplock(req, client, handle, path, o);
    }

    static ModelInput.SmbClose close(long req, String client, String handle) {
        return new ModelInput.SmbClose(req, client, handle);
    }

    static ModelInput.SmbWrite smbWrite(long req, String client, String handle, long offset, String data) {
        return new ModelInput.SmbWrite(req, client, handle, offset, Bytes.of(data));
    }

    static ModelInput.SmbRead smbRead(long req, String client, String handle, long offset, long length) {
        return new ModelInput.SmbRead(req, client, handle, offset, length);
    }

    static ModelInput.SmbLeaseAck ack(long req, String client, String key, String state) {
        return new ModelInput.SmbLeaseAck(req, client, key, CacheBits.parse(state));
    }

    static ModelInput.NfsWrite nfsWrite(long req, String path, long offset, String data) {
        return new ModelInput.NfsWrite(req, "B", path, offset, Bytes.of(data));
    }

    static ModelInput.NfsRead nfsRead(long req, String path, long offset, long count) {
        return new ModelInput.NfsRead(req, "B", path, offset, count);
    }

    static ModelInput.NlmLock nlmLock(
            long req, ModelInput.NlmOwner o, String path, long offset, long length, boolean exclusive, boolean block) {
        return new ModelInput.NlmLock(req, "N", o, path, offset, length, exclusive, block, false);
    }

    static ModelInput.NlmUnlock nlmUnlock(long req, ModelInput.NlmOwner o, String path, long offset, long length) {
        return new ModelInput.NlmUnlock(req, "N", o, path, offset, length);
    }

    static ModelInput.NlmTest nlmTest(long req, ModelInput.NlmOwner o, String path, long offset, long length) {
        return new ModelInput.NlmTest(req, "N", o, path, offset, length, true);
    }

    static ModelInput.SmbLock smbLock(
            long req, String client, String handle, long offset, long length, boolean failNow) {
        return new ModelInput.SmbLock(req, client, handle, offset, length, true, failNow);
    }

    static ModelInput.TimePasses at(double seconds) {
        return new ModelInput.TimePasses((long) (seconds * ModelConfig.SECOND));
    }

    // outputs -----------------------------------------------------------------------------------

    static ModelOutput.Reply reply(long req, String status) {
        return new ModelOutput.Reply(req, status);
    }

    static ModelOutput.Reply reply(long req, String status, Payload p) {
        return new ModelOutput.Reply(req, status, p);
    }

    static ModelOutput.Reply ok(long req) {
        return reply(req, Status.STATUS_SUCCESS);
    }

    static ModelOutput.Reply nfsOk(long req) {
        return reply(req, Status.NFS3_OK);
    }

    /** A CREATE reply with a lease: state, epoch, version, flags 0. */
    static ModelOutput.Reply leased(long req, String state, int epoch, int version) {
        return reply(
                req,
                Status.STATUS_SUCCESS,
                new Payload.Created(
                        OplockLevel.LEASE, new Payload.LeaseGrant(CacheBits.parse(state), 0, epoch, version)));
    }

    static ModelOutput.Reply leased(long req, String state, int epoch, int version, int flags) {
        return reply(
                req,
                Status.STATUS_SUCCESS,
                new Payload.Created(
                        OplockLevel.LEASE, new Payload.LeaseGrant(CacheBits.parse(state), flags, epoch, version)));
    }

    static ModelOutput.Reply oplocked(long req, OplockLevel level) {
        return reply(req, Status.STATUS_SUCCESS, new Payload.Created(level, null));
    }

    static ModelOutput.Reply acked(long req, String state) {
        return reply(req, Status.STATUS_SUCCESS, new Payload.LeaseAcked(CacheBits.parse(state)));
    }

    static ModelOutput.Reply data(long req, String status, String data, Boolean eof) {
        return reply(req, status, new Payload.Data(Bytes.of(data), eof));
    }

    static ModelOutput.LeaseBreak brk(String client, String key, String from, String to, boolean ack, int epoch) {
        return new ModelOutput.LeaseBreak(client, key, CacheBits.parse(from), CacheBits.parse(to), ack, epoch, true);
    }

    static ModelOutput.LeaseBreak brkV1(String client, String key, String from, String to, boolean ack) {
        return new ModelOutput.LeaseBreak(client, key, CacheBits.parse(from), CacheBits.parse(to), ack, 0, false);
    }

    static ModelOutput.OplockBreak obrk(String client, String handle, OplockLevel level) {
        return new ModelOutput.OplockBreak(client, handle, level);
    }

    static ModelOutput.Interim interim(long req) {
        return new ModelOutput.Interim(req);
    }

    static ModelOutput.NlmGranted granted(ModelInput.NlmOwner o, String path, long offset, long length) {
        return new ModelOutput.NlmGranted("N", o, path, offset, length, true);
    }
}
