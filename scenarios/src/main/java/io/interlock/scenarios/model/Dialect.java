package io.interlock.scenarios.model;

/** The SMB dialect of every connection in a run: 2.1 (leases v1 only, epochs 0) or 3.x. */
public enum Dialect {
    /**
     * SMB 2.1: v1 leases; a 52-byte (v2) lease context is ignored (R-SMB-4) and NewEpoch is 0
     * (R-SMB-48); no directory leasing (R-SMB-1).
     */
    SMB_2_1,
    /** SMB 3.x: v2 leases with epochs (R-SMB-60), directory leasing when the server offers it. */
    SMB_3
}
