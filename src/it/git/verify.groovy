import io.cachebreaker.runtime.tokenfile.Fingerprint
import io.cachebreaker.runtime.tokenfile.TokenFile
import org.eclipse.jgit.api.Git

def head = Git.open(basedir).withCloseable { it.repository.resolve('HEAD').name() }
def file = new File(basedir, 'target/classes/' + TokenFile.RESOURCE).withInputStream { TokenFile.read(it, 'git') }
assert file.strategy().id() == 'git'
assert file.token() == '20260102030405-' + head.substring(0, 7) + '-' + Fingerprint.of(file.manifest())
assert new File(basedir, 'target/classes/static/' + file.token() + '/css/app.css').isFile()
