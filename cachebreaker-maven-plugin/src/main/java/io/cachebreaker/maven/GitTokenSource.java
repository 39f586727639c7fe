package io.cachebreaker.maven;

import java.io.File;
import java.io.IOException;
import java.time.Instant;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git token of the repository that holds a project: {@code <commit time yyyyMMddHHmmss UTC>-<abbreviated
 * sha>[-dirty]}, read with JGit so that no {@code git} binary is needed.
 *
 * <p>Only HEAD's own commit object is parsed, which works on a detached HEAD and in a shallow clone (whose missing
 * parents are never visited). The working tree is compared with the index only when {@link DirtyPolicy} asks for it,
 * because that walk costs seconds on a large tree.
 */
final class GitTokenSource {
    /** Shortest and longest abbreviation a git token allows. */
    static final int MIN_ABBREV = 4;
    static final int MAX_ABBREV = 40;

    private static final String DIRTY_SUFFIX = "-dirty";

    /** What to do when the working tree has uncommitted changes to tracked files. */
    enum DirtyPolicy {
        /** Use HEAD's token as it is, without looking at the working tree. */
        IGNORE,
        /** Append {@code -dirty} to the token. */
        SUFFIX,
        /** Fail the build. */
        FAIL;

        static DirtyPolicy parse(String value) throws MojoExecutionException {
            for (DirtyPolicy policy : values()) {
                if (policy.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return policy;
                }
            }
            throw new MojoExecutionException("Invalid gitDirty '" + value + "' (parameter 'gitDirty', property"
                    + " 'cachebreaker.gitDirty'): use ignore, suffix or fail.");
        }
    }

    private final File start;
    private final int abbrev;
    private final DirtyPolicy dirtyPolicy;
    private final Log log;

    /**
     * @param start       the directory to search upwards from for a repository, usually the project's basedir
     * @param abbrev      how many hex digits of the sha to keep at least (git may keep more to stay unique)
     * @param dirtyPolicy what to do with uncommitted changes
     * @param log         for the time the dirty check took
     */
    GitTokenSource(File start, int abbrev, DirtyPolicy dirtyPolicy, Log log) throws MojoExecutionException {
        if (abbrev < MIN_ABBREV || abbrev > MAX_ABBREV) {
            throw new MojoExecutionException("Invalid gitAbbrev " + abbrev + " (parameter 'gitAbbrev', property"
                    + " 'cachebreaker.gitAbbrev'): use " + MIN_ABBREV + " to " + MAX_ABBREV + ".");
        }
        this.start = start;
        this.abbrev = abbrev;
        this.dirtyPolicy = dirtyPolicy;
        this.log = log;
    }

    /**
     * Reads HEAD and formats its token.
     *
     * @return the token
     * @throws MojoFailureException   when there is no repository, no commit, or a dirty tree with policy fail
     * @throws MojoExecutionException when the repository cannot be read
     */
    String token() throws MojoExecutionException, MojoFailureException {
        // readEnvironment() honours GIT_DIR and GIT_CEILING_DIRECTORIES, as git itself does.
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(start);
        if (builder.getGitDir() == null) {
            throw new MojoFailureException("cachebreaker strategy 'git' found no git repository in " + start
                    + " or above it. Build inside a git checkout, pass the token explicitly"
                    + " (-Dcachebreaker.token=<release tag or commit id>), or use another strategy"
                    + " (-Dcachebreaker.strategy=timestamp or version).");
        }
        try (Repository repository = builder.setMustExist(true).build()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                throw new MojoFailureException("cachebreaker strategy 'git': the repository "
                        + repository.getDirectory() + " has no commit yet. Commit first, pass"
                        + " -Dcachebreaker.token=<token>, or use -Dcachebreaker.strategy=timestamp.");
            }
            String token;
            try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
                RevCommit commit = walk.parseCommit(head);
                Instant time = Instant.ofEpochSecond(commit.getCommitTime());
                token = BuildInstant.compact(time) + "-" + reader.abbreviate(head, abbrev).name();
            }
            if (dirtyPolicy != DirtyPolicy.IGNORE && isDirty(repository)) {
                if (dirtyPolicy == DirtyPolicy.FAIL) {
                    throw new MojoFailureException("cachebreaker strategy 'git': the working tree of "
                            + repository.getWorkTree() + " has uncommitted changes and gitDirty is 'fail'."
                            + " Commit or stash them, or set -Dcachebreaker.gitDirty=suffix or ignore.");
                }
                token += DIRTY_SUFFIX;
            }
            return token;
        } catch (IOException e) {
            throw new MojoExecutionException("cachebreaker strategy 'git' cannot read the repository "
                    + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    private boolean isDirty(Repository repository) throws MojoExecutionException {
        if (repository.isBare()) {
            return false;
        }
        long started = System.nanoTime();
        try (Git git = new Git(repository)) {
            // Untracked files do not make a tree dirty, as with 'git describe --dirty'.
            boolean dirty = git.status().call().hasUncommittedChanges();
            log.debug("cachebreaker: git dirty check took " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return dirty;
        } catch (GitAPIException e) {
            throw new MojoExecutionException("cachebreaker strategy 'git' cannot check the working tree of "
                    + repository.getWorkTree() + " (parameter 'gitDirty'): " + e.getMessage(), e);
        }
    }
}
