package io.interlock.suite.suites;

import io.interlock.suite.SuiteExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SuiteExtension.class)
public final class SmbLeaseOplockSuite {}
