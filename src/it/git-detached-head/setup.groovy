import java.time.Instant
import java.time.ZoneOffset
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.lib.PersonIdent

// invoker appends to build.log while the build runs: a tracked build.log would make the tree dirty.
new File(basedir, '.gitignore').text = 'build.log\n'
new File(basedir, 'README.txt').text = 'first\n'
def git = Git.init().setDirectory(basedir).setInitialBranch('main').call()
try {
    git.add().addFilepattern('.').call()
    def first = new PersonIdent('it', 'it@example.invalid', Instant.parse('2026-01-02T03:04:05Z'), ZoneOffset.UTC)
    def commit = git.commit().setMessage('first').setAuthor(first).setCommitter(first).setSign(false).call()
    new File(basedir, 'README.txt') << 'second\n'
    git.add().addFilepattern('.').call()
    def second = new PersonIdent('it', 'it@example.invalid', Instant.parse('2026-02-03T04:05:06Z'), ZoneOffset.UTC)
    git.commit().setMessage('second').setAuthor(second).setCommitter(second).setSign(false).call()
    git.checkout().setName(commit.name()).call()
    new File(basedir, 'first-commit.txt').text = commit.name()
} finally {
    git.close()
}
// invoker treats any result other than true or null as a failed pre-build hook
return true
