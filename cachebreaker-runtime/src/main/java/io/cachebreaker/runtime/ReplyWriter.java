package io.cachebreaker.runtime;

import io.cachebreaker.runtime.serving.Reply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Copies a {@link Reply} to the container's response. */
final class ReplyWriter {
    // Tomcat's documented sendfile hand-off, plain request attributes: no dependency on Tomcat. Its DefaultServlet
    // uses them for files of 48 KiB and up, and without them a streamed copy through the JVM loses to it there.
    static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private ReplyWriter() {
    }

    /**
     * Writes a reply.
     *
     * @param reply    what to send
     * @param request  the container's request, asked whether it can send a file region itself
     * @param response the container's response
     * @param head     whether the request was HEAD, which gets the headers of GET and no body
     * @throws IOException when the client goes away or an asset cannot be read
     */
    static void write(Reply reply, HttpServletRequest request, HttpServletResponse response, boolean head)
            throws IOException {
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
        if (Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            Reply.FileSlice slice = reply.fileSlice();
            if (slice != null) {
                request.setAttribute(SENDFILE_FILENAME, slice.file().toAbsolutePath().toString());
                request.setAttribute(SENDFILE_START, slice.start());
                request.setAttribute(SENDFILE_END, slice.end());
                return;
            }
        }
        OutputStream out = response.getOutputStream();
        reply.writeBody(out);
        out.flush();
    }
}
