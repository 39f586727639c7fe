import io.cachebreaker.runtime.tokenfile.Fingerprint
import io.cachebreaker.runtime.tokenfile.TokenFile

def file = new File(basedir, 'target/classes/' + TokenFile.RESOURCE).withInputStream { TokenFile.read(it, 'ci') }
assert file.token() == 'v1.2.3-ci.42-' + Fingerprint.of(file.manifest())
assert file.strategy().id() == 'explicit'
assert new File(basedir, "target/classes/static/${file.token()}/js/app.js").isFile()
