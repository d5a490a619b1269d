package io.interlock.server.core.lock;

import static io.interlock.server.core.lock.LockManagerLincheckTest.file;
import static io.interlock.server.core.lock.LockManagerLincheckTest.owner;

import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.faults.FaultPoints;
import org.jetbrains.lincheck.datastructures.BooleanGen;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * The byte-range half of {@link LockManagerLincheckTest} on its own: only LOCK, UNLOCK and the
 * lock table, so that nearly every scenario the model checker builds has two threads locking
 * overlapping ranges. With the lease operations beside them few of its 20 scenarios did: LOCK's
 * conflict check and insert split into two critical sections passed that test, and fail this one
 * (in about 20 s).
 */
@Param(name = "owner", gen = IntGen.class, conf = "0:1")
@Param(name = "offset", gen = IntGen.class, conf = "0:4")
@Param(name = "length", gen = IntGen.class, conf = "0:3")
@Param(name = "exclusive", gen = BooleanGen.class)
public class ByteRangeLincheckTest {
    private final LockManager lm =
            new LockManager(new VirtualServerClock(), LockManagerConfig.defaults(), new FaultPoints());

    @Operation
    public boolean lock(
            @Param(name = "owner") int o,
            @Param(name = "offset") int off,
            @Param(name = "length") int len,
            @Param(name = "exclusive") boolean excl) {
        return lm.lock(file(), owner(o), ByteRange.of(off, len), excl).granted();
    }

    @Operation
    public boolean unlock(
            @Param(name = "owner") int o, @Param(name = "offset") int off, @Param(name = "length") int len) {
        return lm.unlock(file(), owner(o), ByteRange.of(off, len));
    }

    @Operation
    public String locks() {
        return LockManagerLincheckTest.locks(lm);
    }

    @Test
    void modelChecking_linearizable() {
        new ModelCheckingOptions()
                .iterations(LockManagerLincheckTest.ITERATIONS)
                .invocationsPerIteration(LockManagerLincheckTest.INVOCATIONS)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(LockManagerLincheckTest.Spec.class)
                .check(ByteRangeLincheckTest.class);
    }
}
