import io.cachebreaker.runtime.tokenfile.Fingerprint
import io.cachebreaker.runtime.tokenfile.TokenFile

def file = new File(basedir, 'target/classes/' + TokenFile.RESOURCE).withInputStream { TokenFile.read(it, 'snapshot') }
assert file.strategy().id() == 'version'
assert file.token() ==~ /1\.5\.0-SNAPSHOT-20[0-9]{12}-[0-9a-f]{8}/
assert file.token().endsWith('-' + Fingerprint.of(file.manifest()))
assert file.strategy().compare(file.token(), '1.5.0') < 0
