package io.cachebreaker.maven;

import io.cachebreaker.bench.Stats;
import org.apache.maven.plugin.logging.SystemStreamLog;

import java.io.File;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark 4, git token: times {@code GitTokenSource.lookup()}, the plugin's git token resolution (JGit), on a
 * repository. {@code once} is one call in this fresh JVM (what the first module of a Maven build pays, JGit classes
 * included); {@code warm} repeats the call after warm-up calls in one JVM. Prints one tab-separated line:
 * {@code policy mode token ms...}.
 *
 * <p>Usage: {@code GitTokenBench <repo dir> <ignore|suffix> <once|warm> [warm-up] [measured]}
 */
public final class GitTokenBench {
    private GitTokenBench() {
    }

    /**
     * Where a cold call's time goes: the same steps as {@code GitTokenSource.lookup()}, timed one by one in a fresh
     * JVM. Prints {@code phases <step>=<ms> ...}.
     */
    static void phases(File start) throws Exception {
        StringBuilder out = new StringBuilder("phases");
        long t = System.nanoTime();
        var builder = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().readEnvironment().findGitDir(start);
        t = lap(out, "find-git-dir", t);
        try (var repository = builder.setMustExist(true).build()) {
            t = lap(out, "open-repository", t);
            var head = repository.resolve(org.eclipse.jgit.lib.Constants.HEAD);
            t = lap(out, "resolve-HEAD", t);
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository);
                    var reader = repository.newObjectReader()) {
                var commit = walk.parseCommit(head);
                t = lap(out, "parse-commit", t);
                String name = reader.abbreviate(head, 7).name();
                t = lap(out, "abbreviate", t);
                out.append(" (").append(commit.getCommitTime()).append(' ').append(name).append(')');
            }
            try (var git = new org.eclipse.jgit.api.Git(repository)) {
                boolean dirty = git.status().call().hasUncommittedChanges();
                lap(out, "status(dirty check)", t);
                out.append(" dirty=").append(dirty);
            }
        }
        System.out.println(out);
    }

    private static long lap(StringBuilder out, String step, long since) {
        long now = System.nanoTime();
        out.append(String.format(Locale.ROOT, " %s=%.1f", step, (now - since) / 1e6));
        return now;
    }

    /** What the plugin's git strategy reads: HEAD's time and sha, and whether the tree is dirty. */
    private static String token(File repo, GitTokenSource.DirtyPolicy policy, SystemStreamLog log) throws Exception {
        GitTokenSource.Head head = new GitTokenSource(repo, 7, policy, log).lookup().head();
        return BuildInstant.compact(head.commitTime()) + "-" + head.sha() + (head.dirty() ? "-dirty" : "");
    }

    public static void main(String[] args) throws Exception {
        File repo = new File(args[0]);
        if (args[1].equals("phases")) {
            phases(repo);
            return;
        }
        GitTokenSource.DirtyPolicy policy = GitTokenSource.DirtyPolicy.parse(args[1]);
        boolean warm = args[2].equals("warm");
        int warmup = warm ? Integer.parseInt(args[3]) : 0;
        int measured = warm ? Integer.parseInt(args[4]) : 1;
        SystemStreamLog log = new SystemStreamLog() {
            @Override
            public boolean isDebugEnabled() {
                return false;
            }

            @Override
            public void debug(CharSequence content) {
                // quiet: the dirty check logs its time at debug level
            }
        };
        String token = null;
        for (int i = 0; i < warmup; i++) {
            token = token(repo, policy, log);
        }
        double[] ms = new double[measured];
        for (int i = 0; i < measured; i++) {
            long t0 = System.nanoTime();
            token = token(repo, policy, log);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        StringBuilder out = new StringBuilder();
        out.append(args[1]).append('\t').append(args[2]).append('\t').append(token);
        for (double m : ms) {
            out.append('\t').append(String.format(Locale.ROOT, "%.1f", m));
        }
        if (warm) {
            out.append(String.format(Locale.ROOT, "\tmedian %.1f", Stats.median(ms)));
        }
        System.out.println(out);
        if (Arrays.stream(ms).anyMatch(Double::isNaN)) {
            System.exit(1);
        }
    }
}
