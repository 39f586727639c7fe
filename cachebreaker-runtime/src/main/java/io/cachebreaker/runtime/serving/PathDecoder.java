package io.cachebreaker.runtime.serving;

import io.cachebreaker.runtime.tokenfile.AssetPath;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.TokenSyntax;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the raw, still percent-encoded request path below the mount ({@code <token>/<asset path>}) into a
 * {@link RequestPath}, or refuses it.
 *
 * <p>It works on the raw URI rather than on a container's decoded path, so every decision is made once, here, on
 * bytes the client really sent: raw characters outside RFC 3986's {@code pchar} (backslash, {@code ;} path
 * parameters, controls, spaces, non-ASCII), broken or double percent-encoding, encoded separators ({@code %2F},
 * {@code %5C}) and invalid or overlong UTF-8 give 400; a path that cannot name an asset ({@code .}, {@code ..}, empty
 * segments and so directories, {@code WEB-INF}, {@code META-INF}, a malformed token) gives 404.
 */
public final class PathDecoder {
    /** Longer raw paths are refused before any work. */
    static final int MAX_RAW_LENGTH = 4 * AssetPath.MAX_LENGTH;

    private final String afterToken;

    /**
     * A decoder for a prefix.
     *
     * @param prefix the token file's prefix; segments after the token must be present in every request
     */
    public PathDecoder(AssetPrefix prefix) {
        this.afterToken = prefix.afterToken().isEmpty() ? "" : prefix.afterToken() + "/";
    }

    /**
     * Decodes and checks a raw path.
     *
     * @param raw the request URI below {@code <context path>/<mount>/}, such as {@code 2026-a1b2/css/app%20x.css}
     * @return the token and asset path
     * @throws Rejection with status 400 or 404
     */
    public RequestPath decode(String raw) {
        if (raw.length() > MAX_RAW_LENGTH) {
            throw Rejection.notFound("path too long");
        }
        String decoded = percentDecode(raw);
        int slash = decoded.indexOf('/');
        String token = slash < 0 ? decoded : decoded.substring(0, slash);
        if (!TokenSyntax.isValid(token)) {
            throw Rejection.notFound("malformed token");
        }
        if (slash < 0 || !decoded.startsWith(afterToken, slash + 1)) {
            throw Rejection.notFound("no asset path");
        }
        String assetPath = decoded.substring(slash + 1 + afterToken.length());
        if (!AssetPath.isValid(assetPath)) {
            throw Rejection.notFound("not an asset path");
        }
        return new RequestPath(token, assetPath);
    }

    private static String percentDecode(String raw) {
        ByteArrayOutputStream bytes = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (bytes == null) {
                    bytes = new ByteArrayOutputStream(raw.length());
                    for (int j = 0; j < i; j++) {
                        bytes.write(raw.charAt(j));
                    }
                }
                int value = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw Rejection.badRequest("broken percent-encoding");
                }
                if (value == '/' || value == '\\') {
                    throw Rejection.badRequest("encoded separator");
                }
                if (value < 0x20 || value == 0x7f) {
                    throw Rejection.badRequest("encoded control character");
                }
                bytes.write(value);
                i += 2;
            } else if (!isRawPathChar(c)) {
                throw Rejection.badRequest("character not allowed in a raw path");
            } else if (bytes != null) {
                bytes.write(c);
            }
        }
        if (bytes == null) {
            return raw;
        }
        String decoded = utf8(bytes.toByteArray());
        // Checked on the decoded text, so %25%32%65 is caught as well as %252e.
        for (int i = decoded.indexOf('%'); i >= 0; i = decoded.indexOf('%', i + 1)) {
            if (i + 2 < decoded.length() && hex(decoded.charAt(i + 1)) >= 0 && hex(decoded.charAt(i + 2)) >= 0) {
                throw Rejection.badRequest("double percent-encoding");
            }
        }
        return decoded;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // Java's decoder refuses overlong forms and encoded surrogates, the classic ways to hide a '/' or '.'.
            throw Rejection.badRequest("invalid UTF-8");
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** RFC 3986 {@code pchar} and {@code /}, minus {@code ;} (path parameters) and {@code %} (handled apart). */
    private static boolean isRawPathChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "-._~!$&'()*+,=:@/".indexOf(c) >= 0;
    }
}
