package io.cachebreaker.runtime.serving;

import java.util.function.Function;

/**
 * What the servlet layer hands over of a request: nothing container-decoded.
 *
 * @param method  the HTTP method
 * @param rawPath the raw request URI below {@code <context path>/<mount>/}, still percent-encoded; {@code null} when
 *                the URI does not start that way
 * @param query   the raw query string, or {@code null}
 * @param headers looks a header up by name; several fields of one name come joined with {@code ", "}
 */
public record IncomingRequest(String method, String rawPath, String query, Function<String, String> headers) {

    /**
     * A header's value.
     *
     * @param name the header name
     * @return the value, or {@code null} when absent
     */
    public String header(String name) {
        return headers.apply(name);
    }
}
