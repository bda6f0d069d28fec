package io.lifeboat.providers.gcp.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One port on 127.0.0.1 in front of the REST fakes and the gRPC one, as one endpoint
 * ({@code http://127.0.0.1:PORT}) takes every API's calls: a connection that opens with
 * HTTP/2's preface ({@code PRI * HTTP/2.0}, gRPC in plaintext) goes to the gRPC server, any
 * other to the HTTP/1.1 server; bytes are then piped both ways.
 */
public final class PortFront implements AutoCloseable {
    private static final byte[] PREFACE = "PRI ".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int restPort;
    private final int grpcPort;
    private final Thread acceptor;

    public PortFront(int restPort, int grpcPort) throws IOException {
        this.restPort = restPort;
        this.grpcPort = grpcPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "fake-gcp-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> route(client), "fake-gcp-front-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void route(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = new byte[PREFACE.length];
            int n = 0;
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) return;
                n += r;
            }
            int port = Arrays.equals(head, PREFACE) ? grpcPort : restPort;
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                upstream.getOutputStream().write(head);
                Thread back = new Thread(() -> pipe(upstream, client), "fake-gcp-front-back");
                back.setDaemon(true);
                back.start();
                pipe(client, upstream);
                back.join(5_000);
            }
        } catch (IOException | InterruptedException e) {
            // a connection closed by either side ends its pipe
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16384];
            int r;
            while ((r = in.read(buf)) >= 0) {
                out.write(buf, 0, r);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
