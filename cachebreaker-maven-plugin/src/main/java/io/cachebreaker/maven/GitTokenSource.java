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
 * HEAD of the git repository that holds a project, read with JGit so that no {@code git} binary is needed: its commit
 * time, its abbreviated sha and, when {@link DirtyPolicy} asks, whether tracked files have uncommitted changes.
 *
 * <p>Only HEAD's own commit object is parsed, which works on a detached HEAD, in a shallow clone (whose missing
 * parents are never visited) and in a linked work tree ({@code git worktree add}). The working tree is compared with
 * the index only when the policy is not {@code ignore}; that walk is what the check costs.
 */
final class GitTokenSource {
    /** Shortest and longest abbreviation a git token allows. */
    static final int MIN_ABBREV = 4;
    static final int MAX_ABBREV = 40;

    /** What to do when the working tree has uncommitted changes to tracked files. */
    enum DirtyPolicy {
        /** Use HEAD's token as it is, without looking at the working tree. */
        IGNORE,
        /** Look, and mark a dirty build's token {@code -dirty} with the build time instead of the commit time. */
        SUFFIX,
        /** Look, and fail the build when the tree is dirty. */
        FAIL;

        static DirtyPolicy parse(String value) throws MojoFailureException {
            for (DirtyPolicy policy : values()) {
                if (policy.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return policy;
                }
            }
            throw new MojoFailureException("Invalid gitDirty '" + value + "' " + Parameters.named("gitDirty")
                    + ": use ignore, suffix or fail.");
        }
    }

    /**
     * HEAD as a token needs it.
     *
     * @param commitTime when HEAD was committed
     * @param sha        HEAD's sha, abbreviated
     * @param dirty      whether tracked files differ from HEAD; always false with policy {@code ignore}
     */
    record Head(Instant commitTime, String sha, boolean dirty) {
    }

    /**
     * What the search found: HEAD, or why there is none.
     *
     * @param head    HEAD, or {@code null}
     * @param missing why there is no HEAD, when {@code head} is {@code null}
     */
    record Lookup(Head head, String missing) {
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
     * @throws MojoFailureException when {@code abbrev} is out of range
     */
    GitTokenSource(File start, int abbrev, DirtyPolicy dirtyPolicy, Log log) throws MojoFailureException {
        if (abbrev < MIN_ABBREV || abbrev > MAX_ABBREV) {
            throw new MojoFailureException("Invalid gitAbbrev " + abbrev + " " + Parameters.named("gitAbbrev")
                    + ": use " + MIN_ABBREV + " to " + MAX_ABBREV + ".");
        }
        this.start = start;
        this.abbrev = abbrev;
        this.dirtyPolicy = dirtyPolicy;
        this.log = log;
    }

    /**
     * Looks for the repository and reads HEAD.
     *
     * @return HEAD, or why there is none (no repository in or above {@code start}, or no commit yet)
     * @throws MojoFailureException   when the tree is dirty and the policy is {@code fail}
     * @throws MojoExecutionException when the repository cannot be read
     */
    Lookup lookup() throws MojoExecutionException, MojoFailureException {
        // readEnvironment() honours GIT_DIR and GIT_CEILING_DIRECTORIES, as git itself does.
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(start);
        if (builder.getGitDir() == null) {
            return new Lookup(null, "found no git repository in " + start + " or above it");
        }
        try (Repository repository = builder.setMustExist(true).build()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return new Lookup(null, "the repository " + repository.getDirectory() + " has no commit yet");
            }
            Instant time;
            String sha;
            try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
                RevCommit commit = walk.parseCommit(head);
                time = Instant.ofEpochSecond(commit.getCommitTime());
                sha = reader.abbreviate(head, abbrev).name();
            }
            boolean dirty = dirtyPolicy != DirtyPolicy.IGNORE && isDirty(repository);
            if (dirty && dirtyPolicy == DirtyPolicy.FAIL) {
                throw new MojoFailureException("cachebreaker strategy 'git': the working tree of "
                        + repository.getWorkTree() + " has uncommitted changes and gitDirty is 'fail'."
                        + " Commit or stash them, or set -Dcachebreaker.gitDirty=suffix or ignore.");
            }
            return new Lookup(new Head(time, sha, dirty), null);
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
                    + repository.getWorkTree() + " " + Parameters.named("gitDirty") + ": " + e.getMessage(), e);
        }
    }
}
