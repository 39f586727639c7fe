import java.time.Instant
import java.time.ZoneOffset
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.lib.PersonIdent

new File(basedir, '.gitignore').text = 'build.log\ntokens.txt\n'
def git = Git.init().setDirectory(basedir).setInitialBranch('main').call()
try {
    git.add().addFilepattern('.').call()
    def who = new PersonIdent('it', 'it@example.invalid', Instant.parse('2026-01-02T03:04:05Z'), ZoneOffset.UTC)
    git.commit().setMessage('assets').setAuthor(who).setCommitter(who).setSign(false).call()
} finally {
    git.close()
}
// Uncommitted edits to tracked files: the work tree is dirty for both builds.
['first', 'second'].each { new File(basedir, "src/$it/css/app.css") << "h1 { margin: 0; }\n" }
// invoker treats any result other than true or null as a failed pre-build hook
return true
