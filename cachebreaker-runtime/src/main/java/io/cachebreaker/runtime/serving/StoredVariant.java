package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One stored form of an asset, resolved to its class path URL at start-up, with the header values that describe it.
 * Its bytes are read on first use; small ones are then kept in memory within a {@link MemoryBudget}, larger ones are
 * streamed from the class path each time ({@code file:} URLs through a positioned channel, others by skipping).
 */
public final class StoredVariant {
    private static final int BUFFER = 16 * 1024;

    private final Encoding encoding;
    private final Variant variant;
    private final URL url;
    private final String etag;
    private final MemoryBudget budget;
    private volatile byte[] bytes;
    private volatile boolean decided;

    StoredVariant(Encoding encoding, Variant variant, URL url, MemoryBudget budget) {
        this.encoding = encoding;
        this.variant = variant;
        this.url = url;
        // The build-time digest makes the tag identical on every node; each coding has its own digest, so its own tag.
        this.etag = '"' + variant.sha256() + '"';
        this.budget = budget;
    }

    /** @return the coding, or {@code null} for the original */
    public Encoding encoding() {
        return encoding;
    }

    /** @return the size in bytes, from the manifest */
    public long size() {
        return variant.size();
    }

    /** @return the strong entity tag, quoted */
    public String etag() {
        return etag;
    }

    /** @return whether the bytes are held in memory */
    public boolean inMemory() {
        return bytes != null;
    }

    /**
     * Writes part of the bytes.
     *
     * @param out    where to
     * @param offset the first byte
     * @param length how many bytes
     * @throws IOException when the client goes away or the class path resource is shorter than the manifest says
     */
    public void write(OutputStream out, long offset, long length) throws IOException {
        byte[] held = held();
        if (held != null) {
            out.write(held, (int) offset, (int) length);
            return;
        }
        try (InputStream in = open(offset)) {
            copy(in, out, length);
        }
    }

    private byte[] held() throws IOException {
        if (decided) {
            return bytes;
        }
        synchronized (this) {
            if (!decided) {
                // Decided before reading: a failed read must not claim budget again on every request.
                decided = true;
                if (budget.claim(variant.size())) {
                    try (InputStream in = url.openStream()) {
                        byte[] read = in.readNBytes((int) variant.size());
                        if (read.length == variant.size()) {
                            bytes = read;
                        }
                    }
                }
            }
            return bytes;
        }
    }

    private InputStream open(long offset) throws IOException {
        if ("file".equals(url.getProtocol())) {
            try {
                FileChannel channel = FileChannel.open(Path.of(url.toURI()), StandardOpenOption.READ);
                return Channels.newInputStream(channel.position(offset));
            } catch (URISyntaxException | IllegalArgumentException e) {
                // An odd file URL: fall through to the generic stream.
            }
        }
        InputStream in = url.openStream();
        in.skipNBytes(offset);
        return in;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("asset ended " + left + " bytes early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }
}
