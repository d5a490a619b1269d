package io.interlock.server.core.vfs;

/** The only checked exception of the storage SPI: an {@link FsError} plus a human-readable detail. */
public final class FsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FsError error;

    public FsException(FsError error, String detail) {
        super(error + ": " + detail, null, false, false);
        this.error = error;
    }

    public FsError error() {
        return error;
    }
}
