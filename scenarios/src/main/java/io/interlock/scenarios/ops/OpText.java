package io.interlock.scenarios.ops;

/** Small shared pieces of op descriptions. */
final class OpText {
    private OpText() {}

    static String handle(String path, String handle) {
        return handle != null && !handle.equals(path) ? (path != null ? path + " " : "") + "handle=" + handle : path;
    }

    static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    static String range(boolean exclusive, Long offset, Long length) {
        return (exclusive ? "exclusive " : "shared ") + orZero(offset) + "+" + orZero(length);
    }
}
