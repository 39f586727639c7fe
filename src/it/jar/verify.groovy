import io.cachebreaker.runtime.tokenfile.Fingerprint
import io.cachebreaker.runtime.tokenfile.TokenFile
import java.util.jar.JarFile

def jar = new JarFile(new File(basedir, 'target/jar-1.0.0.jar'))
try {
    def entry = jar.getJarEntry(TokenFile.RESOURCE)
    assert entry != null : 'the jar has no token file'
    def file = jar.getInputStream(entry).withCloseable { TokenFile.read(it, 'jar') }
    assert file.strategy().id() == 'timestamp'
    // The default strategy auto finds no repository here (GIT_CEILING_DIRECTORIES): the build time.
    assert file.token() ==~ /[0-9]{15}-[0-9a-f]{8}/
    assert file.token().endsWith('-' + Fingerprint.of(file.manifest()))
    assert !file.token().startsWith('000318211200000') : "Maven 4's default outputTimestamp is not the token"
    def dir = 'static/' + file.token() + '/'
    assert jar.getJarEntry(dir + 'css/site.css') != null
    assert jar.getJarEntry(dir + 'css/site.css.gz') != null
    assert jar.getJarEntry(dir + 'img/pixel.gif') != null
    assert jar.getJarEntry(dir + 'img/pixel.gif.gz') == null : 'images are not precompressed'
    assert file.manifest().assets()*.path() == ['css/site.css', 'img/pixel.gif']
    assert file.manifest().get('css/site.css').identity().size() == jar.getJarEntry(dir + 'css/site.css').size
} finally {
    jar.close()
}
