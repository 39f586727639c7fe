import io.cachebreaker.runtime.tokenfile.Fingerprint
import io.cachebreaker.runtime.tokenfile.TokenFile

def classes = new File(basedir, 'target/classes')
def file = new File(classes, TokenFile.RESOURCE).withInputStream { TokenFile.read(it, 'rebuild') }
def fingerprint = Fingerprint.of(file.manifest())
assert file.token() == 'two-' + fingerprint
assert !new File(classes, "static/one-$fingerprint").exists() : 'the stale token directory is still there'
assert new File(classes, "static/two-$fingerprint/css/app.css").isFile()
assert new File(classes, 'static').list().sort() == ['images', "two-$fingerprint"]
assert new File(classes, 'static/images/keep.txt').isFile() : 'a resource outside the token directory was removed'
// The second build's record shows nothing changed but the token: the first token's directory is renamed, not copied.
assert new File(basedir, 'build.log').text.contains(
        "moved the asset directory static/one-$fingerprint to static/two-$fingerprint and updated it in place: 0 assets")
