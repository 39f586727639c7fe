import java.time.Instant
import org.eclipse.jgit.api.Git

def tokens = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/tokens.groovy'))
def head = Git.open(basedir).withCloseable { it.repository.resolve('HEAD').name() }
def first = tokens.read(basedir, 'target/classes')
def second = tokens.read(basedir, 'target-second/classes')
assert first.strategy().id() == 'git'
assert first.token() == '20260102030405-' + head.substring(0, 7) + tokens.suffix(first)
assert second.token() == first.token() : 'same commit, same bytes, same token'
assert new File(basedir, 'build.log').text.contains('strategy auto chose git')
def jar = new File(basedir, 'target/reproducible-git-1.0.0.jar').bytes
assert jar == new File(basedir, 'target-second/reproducible-git-1.0.0.jar').bytes : 'two builds, one jar'
tokens.record(basedir, mavenVersion, [first: first.token(), second: second.token()])
