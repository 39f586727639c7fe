package io.cachebreaker.bench.git;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a deterministic {@code git fast-import} stream to standard output: a first commit adding {@code files}
 * files in 100 directories, then {@code commits - 1} commits that each change one file, one minute apart, on branch
 * {@code main}.
 *
 * <p>Usage: {@code FastImportStream <commits> <files> | git fast-import --quiet}
 */
public final class FastImportStream {
    private FastImportStream() {
    }

    public static void main(String[] args) throws IOException {
        int commits = Integer.parseInt(args[0]);
        int files = Integer.parseInt(args[1]);
        long time = 1_700_000_000L;
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 20)) {
            for (int c = 0; c < commits; c++) {
                StringBuilder s = new StringBuilder(256);
                String message = c == 0 ? "initial import of " + files + " files" : "change " + path(c % files);
                s.append("commit refs/heads/main\n")
                        .append("mark :").append(c + 1).append('\n')
                        .append("committer Bench <bench@example.invalid> ").append(time + 60L * c).append(" +0000\n")
                        .append("data ").append(message.length()).append('\n').append(message).append('\n');
                if (c > 0) {
                    s.append("from :").append(c).append('\n');
                }
                write(out, s);
                if (c == 0) {
                    for (int f = 0; f < files; f++) {
                        modify(out, path(f), "file " + f + " version 0\n");
                    }
                } else {
                    modify(out, path(c % files), "file " + (c % files) + " version " + c + "\n");
                }
                out.write('\n');
            }
            write(out, new StringBuilder("done\n"));
        }
    }

    private static String path(int f) {
        return "src/dir-" + (f % 100) + "/file-" + f + ".txt";
    }

    private static void modify(OutputStream out, String path, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        write(out, new StringBuilder("M 100644 inline ").append(path).append("\ndata ").append(data.length)
                .append('\n'));
        out.write(data);
        out.write('\n');
    }

    private static void write(OutputStream out, CharSequence s) throws IOException {
        out.write(s.toString().getBytes(StandardCharsets.UTF_8));
    }
}
