package io.cachebreaker.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A response read off a raw socket, for requests that {@code java.net.http.HttpClient} refuses to send. */
public record RawResponse(int status, Map<String, String> headers, String head, byte[] body) {

    /**
     * Sends one request line as given, byte for byte, with {@code Host: localhost} unless the headers name a Host,
     * and {@code Connection: close}.
     *
     * @param port    the server's port
     * @param method  the method
     * @param target  the request target, unescaped by this code; a char stands for the byte of its low 8 bits
     * @param headers header names and values in pairs, sent as given
     */
    public static RawResponse send(int port, String method, String target, String... headers) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean host = false;
        for (int i = 0; i < headers.length; i += 2) {
            host |= headers[i].equalsIgnoreCase("Host");
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (!host) {
            request.append("Host: localhost\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return sendBytes(port, request.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    public static RawResponse sendBytes(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return parse(all.toByteArray());
        }
    }

    private static RawResponse parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new RawResponse(-1, Map.of(), text, new byte[0]);
        }
        String head = text.substring(0, end);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        return new RawResponse(status, headers, head, body);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }
}
