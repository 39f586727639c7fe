// A git repository for an IT: its folder committed as it is, by one fixed author at a fixed instant, so its token's
// time and sha are the same on every run. Loaded by a setup.groovy with GroovyShell.parse(...).commitAll(...).
import java.time.Instant
import java.time.ZoneOffset
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.lib.PersonIdent

/**
 * @param basedir the IT's folder, which becomes the work tree
 * @param ignored file names to keep untracked besides build.log: invoker appends to build.log while the build runs,
 *                and a tracked file that changes would make the tree dirty; build output stays untracked, which is
 *                not dirty
 * @return the commit's id
 */
String commitAll(File basedir, List<String> ignored = []) {
    new File(basedir, '.gitignore').text = (['build.log'] + ignored).collect { it + '\n' }.join()
    def git = Git.init().setDirectory(basedir).setInitialBranch('main').call()
    try {
        git.add().addFilepattern('.').call()
        def who = new PersonIdent('it', 'it@example.invalid', Instant.parse('2026-01-02T03:04:05Z'), ZoneOffset.UTC)
        return git.commit().setMessage('assets').setAuthor(who).setCommitter(who).setSign(false).call().name()
    } finally {
        git.close()
    }
}
