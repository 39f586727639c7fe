import io.cachebreaker.runtime.tokenfile.TokenFile
import java.util.zip.ZipFile

def war = new ZipFile(new File(basedir, 'target/war-1.0.0.war'))
try {
    def entry = war.getEntry('WEB-INF/classes/' + TokenFile.RESOURCE)
    assert entry != null : 'the war has no token file'
    def file = war.getInputStream(entry).withCloseable { TokenFile.read(it, 'war') }
    def dir = 'WEB-INF/classes/static/' + file.token() + '/'
    assert war.getEntry(dir + 'css/app.css') != null
    assert war.getEntry(dir + 'js/app.js.gz') != null
    assert war.getEntry('static/' + file.token() + '/css/app.css') == null : 'assets belong on the class path only'
} finally {
    war.close()
}
