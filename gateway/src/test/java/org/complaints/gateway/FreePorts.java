package org.complaints.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes a test starts. Each is free when handed out, never handed out twice by
 * this JVM (a suite picks all its ports before starting anything, so a port checked free twice was
 * once given to two services and the second failed with "port already in use"), and below the
 * kernel's ephemeral range (32768 and up on Linux), where another process's outgoing connection
 * could take it before the service binds it.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    public static int next() throws IOException {
        var random = ThreadLocalRandom.current();
        for (var attempt = 0; attempt < 500; attempt++) {
            var port = random.nextInt(20_000, 32_000);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (var socket = new ServerSocket(port)) {
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found between 20000 and 32000");
    }
}
