package io.cachebreaker.runtime;

import io.cachebreaker.runtime.serving.Reply;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Copies a {@link Reply} to the container's response. */
final class ReplyWriter {
    private ReplyWriter() {
    }

    /**
     * Writes a reply.
     *
     * @param reply    what to send
     * @param response the container's response
     * @param head     whether the request was HEAD, which gets the headers of GET and no body
     * @throws IOException when the client goes away or an asset cannot be read
     */
    static void write(Reply reply, HttpServletResponse response, boolean head) throws IOException {
        response.setStatus(reply.status());
        for (Map.Entry<String, String> header : reply.headers()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        if (!reply.hasBody()) {
            return;
        }
        long length = reply.contentLength();
        response.setContentLengthLong(length);
        if (head || length == 0) {
            return;
        }
        OutputStream out = response.getOutputStream();
        reply.writeBody(out);
        out.flush();
    }
}
