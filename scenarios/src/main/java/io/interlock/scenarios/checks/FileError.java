package io.interlock.scenarios.checks;

/**
 * The definite error answers {@link FileSpec} models, named protocol-neutrally: the engine maps
 * NFS3ERR_NOENT / NFS3ERR_STALE and STATUS_OBJECT_NAME_NOT_FOUND onto {@link #NOT_FOUND}, and
 * NFS3ERR_EXIST and STATUS_OBJECT_NAME_COLLISION onto {@link #EXISTS}.
 */
public enum FileError {
    NOT_FOUND,
    EXISTS
}
