import io.cachebreaker.runtime.tokenfile.TokenStrategy
import org.eclipse.jgit.api.Git

def tokens = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/tokens.groovy'))
def sha = Git.open(basedir).withCloseable { it.repository.resolve('HEAD').name() }.substring(0, 7)
def (before, after) = tokens.logged(basedir)
def file = tokens.read(basedir)
assert file.strategy() == TokenStrategy.GIT
assert after == after.substring(0, 14) + "-$sha-dirty" + tokens.suffix(file)
assert before ==~ /[0-9]{14}-$sha-dirty-[0-9a-f]{8}/
def clean = "20260102030405-$sha"
assert TokenStrategy.GIT.compare(clean, before) < 0 : 'a dirty build orders after its commit'
assert TokenStrategy.GIT.compare(before, after) < 0 : 'the later dirty build orders after the earlier one'
def log = new File(basedir, 'build.log').text
assert log.contains('strategy auto chose git') && log.contains('uncommitted changes')
assert !new File(basedir, "target/classes/static/$before").exists()
tokens.record(basedir, mavenVersion, [commit: clean, before: before, after: after])
