package io.cachebreaker.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A throw-away git repository with commits at fixed times, so tokens are known in advance. */
final class GitRepositoryFixture implements AutoCloseable {
    final Path dir;
    final Git git;

    GitRepositoryFixture(Path dir) throws GitAPIException {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    RevCommit commit(String file, String content, Instant time) throws IOException, GitAPIException {
        Files.writeString(dir.resolve(file), content);
        git.add().addFilepattern(file).call();
        PersonIdent who = new PersonIdent("cachebreaker test", "test@example.invalid", time, ZoneOffset.UTC);
        return git.commit().setMessage("change " + file).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
