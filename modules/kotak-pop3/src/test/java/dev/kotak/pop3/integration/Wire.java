package dev.kotak.pop3.integration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import dev.kotak.pop3.conformance.TrustAllTls;

/** A raw POP3 connection: what we send and the exact lines we get back. */
final class Wire implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    Wire(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        streams();
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    String line() throws IOException {
        return in.readLine();
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** One single-line reply. */
    String ask(String command) throws IOException {
        send(command);
        return line();
    }

    /** A multi-line reply, status line included, up to and including the final ".". */
    List<String> askMulti(String command) throws IOException {
        send(command);
        return multi();
    }

    List<String> multi() throws IOException {
        List<String> lines = new ArrayList<>();
        String line = line();
        lines.add(line);
        if (line == null || !line.startsWith("+OK")) {
            return lines;
        }
        do {
            line = line();
            lines.add(line);
        } while (line != null && !line.equals("."));
        return lines;
    }

    /** True once the server has closed the connection. */
    boolean closedByServer() throws IOException {
        return in.readLine() == null;
    }

    void startTls() throws Exception {
        SSLContext context = TrustAllTls.context();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.startHandshake();
        socket = tls;
        streams();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
