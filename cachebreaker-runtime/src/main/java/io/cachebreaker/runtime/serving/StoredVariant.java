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
 * streamed from the class path each time ({@code file:} URLs through a positioned channel, others by skipping). In
 * dev mode a variant is instead a snapshot of bytes already read, see {@link #held}.
 */
public final class StoredVariant {
    private static final int BUFFER = 16 * 1024;

    private final Encoding encoding;
    private final Variant variant;
    private final URL url;
    private final Path file;
    private final String etag;
    private final MemoryBudget budget;
    private volatile byte[] bytes;
    private volatile boolean decided;

    StoredVariant(Encoding encoding, Variant variant, URL url, MemoryBudget budget) {
        this.encoding = encoding;
        this.variant = variant;
        this.url = url;
        this.file = url == null ? null : fileOf(url);
        // The build-time digest makes the tag identical on every node; each coding has its own digest, so its own tag.
        this.etag = '"' + variant.sha256() + '"';
        this.budget = budget;
    }

    /**
     * A variant whose bytes are already in hand, so what is sent is exactly what {@code variant} describes even if
     * the file changes meanwhile.
     *
     * @param variant the size and digest of {@code bytes}
     * @param bytes   the original bytes
     * @return the variant, with no coding
     */
    static StoredVariant held(Variant variant, byte[] bytes) {
        StoredVariant held = new StoredVariant(null, variant, null, new MemoryBudget(0, 0));
        held.bytes = bytes;
        held.decided = true;
        return held;
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

    /**
     * The file behind this variant when the container may send it without copying it through the JVM: only for a
     * variant that is streamed (not held in memory) from a {@code file:} URL.
     *
     * @return the file, or {@code null} when the bytes are in memory or inside a jar
     * @throws IOException when deciding whether to hold the bytes needed a read, and it failed
     */
    public Path transferableFile() throws IOException {
        return held() != null ? null : file;
    }

    /**
     * The file behind a class path URL.
     *
     * @param url a resource URL
     * @return the file for a {@code file:} URL, or {@code null} for any other kind (such as {@code jar:})
     */
    static Path fileOf(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
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
        if (file != null) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return Channels.newInputStream(channel.position(offset));
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
