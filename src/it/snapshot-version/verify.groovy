import io.cachebreaker.runtime.tokenfile.TokenFile

def file = new File(basedir, 'target/classes/' + TokenFile.RESOURCE).withInputStream { TokenFile.read(it, 'snapshot') }
assert file.strategy().id() == 'version'
assert file.token() ==~ /1\.5\.0-SNAPSHOT-20[0-9]{12}/
assert file.strategy().order().compare(file.token(), '1.5.0') < 0
