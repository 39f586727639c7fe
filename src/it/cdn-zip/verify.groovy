import io.cachebreaker.runtime.tokenfile.TokenFile
import java.time.LocalDateTime
import java.util.zip.ZipFile

def jar = new ZipFile(new File(basedir, 'target/cdn-zip-1.0.0.jar'))
def zipFile = new File(basedir, 'target/cdn-zip-1.0.0-static.zip')
assert zipFile.isFile() : 'static-zip wrote no zip'
def zip = new ZipFile(zipFile)
try {
    def token = jar.getInputStream(jar.getEntry(TokenFile.RESOURCE)).withCloseable { TokenFile.read(it, 'jar').token() }
    def dir = "static/$token/".toString()
    def served = jar.entries().toList().findAll { !it.directory && it.name.startsWith(dir) }*.name
    def names = zip.entries().toList()*.name

    // The token file of this tree first, so a later release can retain it; it lists no retained releases.
    assert names[0] == TokenFile.RESOURCE
    def zipped = zip.getInputStream(zip.getEntry(TokenFile.RESOURCE)).withCloseable { TokenFile.read(it, 'zip') }
    assert zipped.token() == token && zipped.retained().isEmpty()
    names = names.drop(1)

    // The same tree the application serves, precompressed siblings included, in sorted order.
    assert names == served.sort(false)
    assert names.containsAll([dir + 'css/app.css', dir + 'css/app.css.gz', dir + 'js/app.js', dir + 'js/app.js.gz'])
    names.each { name ->
        assert zip.getInputStream(zip.getEntry(name)).bytes == jar.getInputStream(jar.getEntry(name)).bytes : name
        assert zip.getEntry(name).timeLocal == LocalDateTime.parse('2026-03-04T05:06:08') : name
    }
} finally {
    zip.close()
    jar.close()
}

def installed = new File(localRepositoryPath, 'io/cachebreaker/it/cdn-zip/1.0.0/cdn-zip-1.0.0-static.zip')
assert installed.isFile() : 'install did not publish the zip with classifier static'
assert installed.bytes == zipFile.bytes
