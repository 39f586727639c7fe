package io.cachebreaker.maven;

import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads and checks a static zip before anything of it is extracted: it must hold {@link TokenFile#RESOURCE} and
 * nothing but that token's directory, every entry name must stay inside it (no {@code ../}, no absolute name, no
 * backslash, no drive letter), and no entry may be a symbolic link or other special file.
 *
 * <p>{@link ZipFile} does not show the Unix mode that marks a link entry, so the central directory is read here as
 * well, once, with Zip64 records honoured.
 */
final class RetainedZip {
    /** More central directory than any static zip within the retention cap needs; a guard against junk. */
    private static final long MAX_CENTRAL_DIRECTORY = 64L * 1024 * 1024;
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL_ENTRY = 0x02014b50;
    private static final int UNIX = 3;
    private static final int OS_X = 19;

    private RetainedZip() {
    }

    /**
     * Checks a zip and reads its token file.
     *
     * @param zip    the file
     * @param source what to call it in messages, such as the coordinates it was resolved from
     * @param fix    what the user can do, appended to every message
     * @return the zip's token file; its {@link TokenFile#assetDirectory()} is the one directory the zip holds
     * @throws MissingSourceException when the zip has no token file (made before retention existed)
     * @throws RetentionException     when it is corrupt or unsafe
     */
    static TokenFile check(Path zip, String source, String fix) throws RetentionException {
        checkCentralDirectory(zip, source, fix);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry tokenEntry = file.getEntry(TokenFile.RESOURCE);
            if (tokenEntry == null || tokenEntry.isDirectory()) {
                throw new MissingSourceException("cachebreaker: the static zip " + source + " has no "
                        + TokenFile.RESOURCE + ", so it cannot say which token and bytes it holds; it was made by a"
                        + " static-zip goal older than retention. " + fix);
            }
            TokenFile tokenFile;
            try (InputStream in = file.getInputStream(tokenEntry)) {
                tokenFile = TokenFile.read(in, source + "!/" + TokenFile.RESOURCE);
            } catch (TokenFileException e) {
                throw new RetentionException("cachebreaker: " + e.getMessage() + " " + fix, e);
            }
            String directory = tokenFile.assetDirectory() + "/";
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.equals(TokenFile.RESOURCE) && !name.startsWith(directory)
                        && !(name.endsWith("/") && (directory.startsWith(name) || name.equals("META-INF/")))) {
                    throw unsafe(source, "the entry '" + name + "' is outside " + directory + " and is not "
                            + TokenFile.RESOURCE + "; a static zip holds one token's tree only", fix);
                }
            }
            return tokenFile;
        } catch (ZipException e) {
            throw corrupt(source, e, fix);
        } catch (IOException e) {
            throw new RetentionException("cachebreaker: cannot read the static zip " + source + ": " + e + ". " + fix,
                    e);
        }
    }

    /** Every entry of the central directory: a safe name, no duplicate, no link or special file. */
    private static void checkCentralDirectory(Path zip, String source, String fix) throws RetentionException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, 22 + 65535);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int eocd = -1;
            for (int i = tailLength - 22; i >= 0; i--) {
                if (tail.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw corrupt(source, "no end of central directory record", fix);
            }
            long entries = tail.getShort(eocd + 10) & 0xffffL;
            long cdSize = tail.getInt(eocd + 12) & 0xffffffffL;
            long cdOffset = tail.getInt(eocd + 16) & 0xffffffffL;
            if (entries == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
                long locator = size - tailLength + eocd - 20;
                ByteBuffer loc = locator < 0 ? null : read(channel, locator, 20);
                if (loc == null || loc.getInt(0) != ZIP64_LOCATOR) {
                    throw corrupt(source, "a Zip64 end record without its locator", fix);
                }
                ByteBuffer zip64 = read(channel, loc.getLong(8), 56);
                if (zip64.getInt(0) != ZIP64_EOCD) {
                    throw corrupt(source, "a broken Zip64 end record", fix);
                }
                entries = zip64.getLong(32);
                cdSize = zip64.getLong(40);
                cdOffset = zip64.getLong(48);
            }
            if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset < 0 || cdOffset + cdSize > size) {
                throw corrupt(source, "a central directory outside the file", fix);
            }
            ByteBuffer cd = read(channel, cdOffset, (int) cdSize);
            Set<String> names = new HashSet<>();
            int at = 0;
            for (long n = 0; n < entries; n++) {
                if (at + 46 > cd.limit() || cd.getInt(at) != CENTRAL_ENTRY) {
                    throw corrupt(source, "a truncated central directory", fix);
                }
                int host = (cd.getShort(at + 4) & 0xffff) >>> 8;
                int nameLength = cd.getShort(at + 28) & 0xffff;
                int extraLength = cd.getShort(at + 30) & 0xffff;
                int commentLength = cd.getShort(at + 32) & 0xffff;
                int mode = (cd.getInt(at + 38) >>> 16) & 0xffff;
                if (at + 46 + nameLength > cd.limit()) {
                    throw corrupt(source, "a truncated central directory", fix);
                }
                byte[] raw = new byte[nameLength];
                cd.get(at + 46, raw);
                String name = new String(raw, StandardCharsets.UTF_8);
                String problem = nameProblem(name);
                if (problem != null) {
                    throw unsafe(source, "the entry '" + printable(name) + "' " + problem, fix);
                }
                if (!names.add(name)) {
                    throw unsafe(source, "the entry '" + name + "' is there twice", fix);
                }
                int type = mode & 0xf000;
                if ((host == UNIX || host == OS_X) && type != 0 && type != 0x8000 && type != 0x4000) {
                    throw unsafe(source, "the entry '" + name + "' is " + (type == 0xa000 ? "a symbolic link"
                            : "not a regular file or directory") + "; a static zip holds regular files only", fix);
                }
                at += 46 + nameLength + extraLength + commentLength;
            }
        } catch (IOException | IndexOutOfBoundsException e) {
            throw corrupt(source, e.toString(), fix);
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        if (position < 0 || length < 0) {
            throw new ZipException("an offset outside the file");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new ZipException("the file ends early");
            }
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Why an entry name could land outside the directory it is extracted to, or {@code null} when it cannot.
     *
     * @param name the entry name as stored
     */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "has an empty name";
        }
        if (name.indexOf('\\') >= 0) {
            return "has a backslash, which some systems take for a directory separator";
        }
        if (name.startsWith("/")) {
            return "is an absolute path";
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return "starts with a drive letter";
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                return "has a control character";
            }
        }
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "has an empty, '.' or '..' segment and could escape the directory it is extracted to";
            }
        }
        return null;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }

    private static RetentionException unsafe(String source, String why, String fix) {
        return new RetentionException("cachebreaker: refusing the static zip " + source + ": " + why + ". Nothing of"
                + " it was extracted. " + fix);
    }

    private static RetentionException corrupt(String source, Object why, String fix) {
        return new RetentionException("cachebreaker: the static zip " + source + " is corrupt (" + why + "). Nothing"
                + " of it was extracted. " + fix, why instanceof Throwable t ? t : null);
    }
}
