import io.cachebreaker.runtime.tokenfile.TokenFile
import java.util.jar.JarFile

def jar = new JarFile(new File(basedir, 'target/jar-1.0.0.jar'))
try {
    def entry = jar.getJarEntry(TokenFile.RESOURCE)
    assert entry != null : 'the jar has no token file'
    def file = jar.getInputStream(entry).withCloseable { TokenFile.read(it, 'jar') }
    assert file.strategy().id() == 'timestamp'
    assert file.token() ==~ /[0-9]{15}/
    def dir = 'static/' + file.token() + '/'
    assert jar.getJarEntry(dir + 'css/app.css') != null
    assert jar.getJarEntry(dir + 'css/app.css.gz') != null
    assert jar.getJarEntry(dir + 'js/app.js') != null
    assert file.manifest().assets()*.path() == ['css/app.css', 'js/app.js']
    assert file.manifest().get('css/app.css').identity().size() == jar.getJarEntry(dir + 'css/app.css').size
} finally {
    jar.close()
}
