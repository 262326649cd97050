package dev.kotak.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for in-process servers, taken below Linux's ephemeral range (32768-60999). Asking the kernel for port 0
 * returned a port of that range, which any outgoing connection of this machine (a client in a test, another
 * build's benchmark) may take as its local port before the server binds it: "Address already in use" at
 * start or restart. Each JVM starts at its own offset, so concurrent forks rarely meet.
 */
public final class FreePorts {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final AtomicInteger NEXT =
        new AtomicInteger((int) (ProcessHandle.current().pid() * 7919 % (HIGH - LOW)));

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < HIGH - LOW; attempt++) {
            int port = LOW + Math.floorMod(NEXT.getAndIncrement(), HIGH - LOW);
            if (free(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOW + " and " + HIGH));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
