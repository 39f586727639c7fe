package io.cachebreaker.runtime.testing;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The one way the contract tests send a well-formed request: {@code java.net.http.HttpClient} over HTTP/1.1, no
 * redirects followed, bounded connect and response times. Requests the client refuses to send go through
 * {@link RawResponse#send}.
 */
public final class Http {
    /** Shared by every test; long enough for the concurrent-load test on a busy two-core machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /**
     * Sends a request without a body.
     *
     * @param method  the method
     * @param on      the container
     * @param path    the path and query, relative to the container's origin
     * @param headers header names and values, in pairs
     * @return the response
     */
    public static HttpResponse<byte[]> send(String method, Container on, String path, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(on.origin().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** @return the first value of a header, or {@code null} */
    public static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
