package dev.kotak.pop3.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzz connections, one after the other: each reads the greeting, maybe logs in, writes 20 to 400 fuzz lines in
 * pipelined bursts while draining what the server answers, usually waits until the server has answered, then
 * half-closes and reads to the end. The server may close the connection at any time (limits, QUIT): the client then simply
 * moves on to the next connection.
 *
 * <p>Ending with a half-close and a read to end-of-stream, as a well-behaved TCP client does, means the server never
 * sees a reset caused by unread data on our side: what the server logs is about what it was sent.
 */
final class FuzzClient {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** How long a connection's end may wait for replies (auth-failure delays included). */
    private static final int DRAIN_TIMEOUT_MILLIS = 5_000;
    /** Silence after which the server is taken to have answered every line sent. */
    private static final int QUIET_MILLIS = 250;

    final AtomicLong linesSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong closedByServer = new AtomicLong();
    final AtomicLong okReplies = new AtomicLong();
    final AtomicLong errReplies = new AtomicLong();
    final AtomicLong drainTimeouts = new AtomicLong();

    private final int port;
    private final String user;
    private final String password;

    FuzzClient(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** One connection driven by {@code random} (seeded per connection, so each one is reproducible). */
    void connection(Random random) throws IOException {
        FuzzLines lines = new FuzzLines(random, user, password);
        connections.incrementAndGet();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Replies replies = new Replies();
            try {
                readGreeting(socket, in, replies);
                if (random.nextInt(10) < 3) {
                    out.write(lines.login());
                }
                int total = 20 + random.nextInt(380);
                int written = 0;
                while (written < total) {
                    int burst = Math.min(total - written, 1 + random.nextInt(random.nextInt(4) == 0 ? 60 : 8));
                    ByteArrayOutputStream pipelined = new ByteArrayOutputStream();
                    for (int i = 0; i < burst; i++) {
                        pipelined.write(lines.next());
                    }
                    out.write(pipelined.toByteArray());
                    out.flush();
                    written += burst;
                    linesSent.addAndGet(burst);
                    bytesSent.addAndGet(pipelined.size());
                    while (in.available() > 0) {
                        replies.consume(in.read());
                    }
                }
                // James drops the lines it has read but not yet handled once the client half-closes: let it
                // answer everything first. One connection in ten hangs up at once instead, as a client that
                // gives up does, in the middle of whatever the server is doing (a delayed reply, a RETR).
                if (random.nextInt(10) != 0) {
                    awaitQuiet(socket, in, replies);
                }
                socket.shutdownOutput();
            } catch (IOException closed) {
                // The server closed the connection (limits, QUIT) while we wrote: allowed.
                closedByServer.incrementAndGet();
            }
            drain(socket, in, replies);
            okReplies.addAndGet(replies.ok);
            errReplies.addAndGet(replies.err);
        }
    }

    /**
     * Waits for the greeting, as every real client does. A client that sends before it races James's framer
     * (it runs on another thread than the handler that creates the session, so a pipelined "STLS" may be checked
     * for command injection before the Kotak greeting handler could turn that check off): a James limitation
     * the handlers cannot reach, not what this test is about.
     */
    private static void readGreeting(Socket socket, InputStream in, Replies replies) throws IOException {
        socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IOException("closed before the greeting");
            }
            replies.consume(b);
        } while (b != '\n');
    }

    /** Reads replies until none came for {@link #QUIET_MILLIS} (or {@link #DRAIN_TIMEOUT_MILLIS} passed). */
    private void awaitQuiet(Socket socket, InputStream in, Replies replies) throws IOException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_MILLIS * 1_000_000L;
        socket.setSoTimeout(QUIET_MILLIS);
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < deadline) {
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException quiet) {
                return;
            }
            if (read < 0) {
                throw new IOException("closed by the server");
            }
            for (int i = 0; i < read; i++) {
                replies.consume(buffer[i] & 0xff);
            }
        }
        drainTimeouts.incrementAndGet();
    }

    private void drain(Socket socket, InputStream in, Replies replies) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_MILLIS * 1_000_000L;
        try {
            socket.setSoTimeout(250);
            byte[] buffer = new byte[8192];
            while (System.nanoTime() < deadline) {
                try {
                    int read = in.read(buffer);
                    if (read < 0) {
                        return;
                    }
                    for (int i = 0; i < read; i++) {
                        replies.consume(buffer[i] & 0xff);
                    }
                } catch (SocketTimeoutException e) {
                    // keep waiting until the deadline
                }
            }
            drainTimeouts.incrementAndGet();
        } catch (IOException e) {
            // reset by the server after it closed: nothing more to read
        }
    }

    /** Counts the lines of replies that start with +OK or -ERR (multi-line bodies are not replies). */
    private static final class Replies {
        private final StringBuilder start = new StringBuilder(4);
        private boolean lineStart = true;
        long ok;
        long err;

        void consume(int b) {
            if (b == '\n') {
                lineStart = true;
                start.setLength(0);
                return;
            }
            if (lineStart && start.length() < 4) {
                start.append((char) b);
                if (start.length() == 3 && start.toString().equals("+OK")) {
                    ok++;
                    lineStart = false;
                } else if (start.length() == 4) {
                    if (start.toString().equals("-ERR")) {
                        err++;
                    }
                    lineStart = false;
                }
            }
        }
    }
}
