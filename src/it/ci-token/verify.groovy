import io.cachebreaker.runtime.tokenfile.TokenFile

def file = new File(basedir, 'target/classes/' + TokenFile.RESOURCE).withInputStream { TokenFile.read(it, 'ci') }
assert file.token() == 'v1.2.3-ci.42'
assert file.strategy().id() == 'explicit'
assert new File(basedir, 'target/classes/static/v1.2.3-ci.42/js/app.js').isFile()
