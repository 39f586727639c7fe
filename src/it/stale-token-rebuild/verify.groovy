import io.cachebreaker.runtime.tokenfile.TokenFile

def classes = new File(basedir, 'target/classes')
def file = new File(classes, TokenFile.RESOURCE).withInputStream { TokenFile.read(it, 'rebuild') }
assert file.token() == 'two'
assert !new File(classes, 'static/one').exists() : 'the stale token directory is still there'
assert new File(classes, 'static/two/css/app.css').isFile()
assert new File(classes, 'static/images/keep.txt').isFile() : 'a resource outside the token directory was removed'
assert new File(basedir, 'build.log').text.contains('removed the stale asset directory static/one')
