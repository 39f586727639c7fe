import io.cachebreaker.runtime.tokenfile.Fingerprint
import io.cachebreaker.runtime.tokenfile.TokenFile

def first = new File(basedir, 'first-commit.txt').text
def file = new File(basedir, 'target/classes/' + TokenFile.RESOURCE).withInputStream { TokenFile.read(it, 'git') }
assert file.token() == '20260102030405-' + first.substring(0, 10) + '-' + Fingerprint.of(file.manifest())
