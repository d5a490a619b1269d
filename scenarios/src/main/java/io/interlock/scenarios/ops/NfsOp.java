package io.interlock.scenarios.ops;

import java.util.List;

/** An op of an NFSv3 client ({@code nfs.*}), by path relative to the export root. */
public sealed interface NfsOp extends Op
        permits NfsWriteOp,
                NfsReadOp,
                NfsCreateOp,
                NfsSetattrOp,
                NfsRemoveOp,
                NfsRenameOp,
                NfsMkdirOp,
                NfsRmdirOp,
                NfsLinkOp {
    String path();

    @Override
    default void validate(OpCheck check) {
        check.requireClient(client(), "nfs");
        check.require(path() != null && !path().isBlank(), "needs a path");
    }

    @Override
    default List<String> paths() {
        return List.of(path());
    }
}
