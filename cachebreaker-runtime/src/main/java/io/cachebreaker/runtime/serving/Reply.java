package io.cachebreaker.runtime.serving;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A response, decided but not yet written: status, headers, and a body that is either fixed bytes or a slice of a
 * stored asset. The servlet layer copies it to the container; it always knows its {@code Content-Length}.
 */
public final class Reply {
    private final int status;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>(10);
    private byte[] fixedBody = new byte[0];
    private StoredVariant asset;
    private long offset;
    private long length;

    Reply(int status) {
        this.status = status;
    }

    Reply header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    Reply body(byte[] body) {
        this.fixedBody = body;
        this.asset = null;
        return this;
    }

    Reply body(StoredVariant variant, long offset, long length) {
        this.asset = variant;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** @return the status code */
    public int status() {
        return status;
    }

    /** @return the headers, in order, without {@code Content-Length} */
    public List<Map.Entry<String, String>> headers() {
        return Collections.unmodifiableList(headers);
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the value, or {@code null}
     */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** @return whether a body may follow the headers at all; 304 has none */
    public boolean hasBody() {
        return status != 304;
    }

    /** @return the body's length */
    public long contentLength() {
        return asset != null ? length : fixedBody.length;
    }

    /**
     * Writes the body.
     *
     * @param out the response stream
     * @throws IOException when the client goes away or the resource cannot be read
     */
    public void writeBody(OutputStream out) throws IOException {
        if (asset != null) {
            asset.write(out, offset, length);
        } else if (fixedBody.length > 0) {
            out.write(fixedBody);
        }
    }
}
