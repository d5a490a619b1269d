package io.interlock.scenarios.arch.impure;

import java.util.Random;

/** A deliberately impure class: {@link EnginePurityTest} shows its rules reject it. */
public final class ImpureChecker {
    private ImpureChecker() {}

    public static boolean decide() {
        return new Random(System.currentTimeMillis()).nextBoolean() && System.nanoTime() > 0;
    }
}
