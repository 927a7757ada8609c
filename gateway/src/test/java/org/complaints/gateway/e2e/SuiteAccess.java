package org.complaints.gateway.e2e;

/** Lets the benchmark (another package) start and address the running suite. */
public final class SuiteAccess {

    public static final String BENCH_KEY = RunningSuite.BENCH_KEY;

    private SuiteAccess() {}

    public static String gateway() throws Exception {
        return RunningSuite.get().gateway();
    }

    /** The gateway's management port (actuator). */
    public static String gatewayManagement() throws Exception {
        return RunningSuite.get().managementUrl("gateway");
    }

    /** Sum of the suite processes' resident memory, from /proc (Linux). */
    public static long residentMemoryMiB() throws Exception {
        return RunningSuite.get().residentMemoryKiB() / 1024;
    }
}
