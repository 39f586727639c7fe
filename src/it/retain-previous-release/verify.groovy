import io.cachebreaker.runtime.CachebreakerInitializer
import io.cachebreaker.runtime.testing.Container
import io.cachebreaker.runtime.testing.SiteFixture
import io.cachebreaker.runtime.testing.TomcatContainer
import io.cachebreaker.runtime.tokenfile.TokenFile
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.zip.ZipFile

// Release 1 as installed in the IT repository (step 1), release 2 as just built (step 2). Tokens are read from the
// token files, never spelled out: they may carry a fingerprint suffix.
def installed = new File(localRepositoryPath, 'io/cachebreaker/it/retain-previous-release/1.0.0')
def jar1File = new File(installed, 'retain-previous-release-1.0.0.jar')
def zip1File = new File(installed, 'retain-previous-release-1.0.0-static.zip')
assert jar1File.isFile() && zip1File.isFile() : 'step 1 did not install release 1 with its static zip'
def jar2File = new File(basedir, 'target/retain-previous-release-2.0.0.jar')
def zip2File = new File(basedir, 'target/retain-previous-release-2.0.0-static.zip')
assert jar2File.isFile() : 'step 2 built no jar'

def tokenFileOf = { ZipFile zip, String name ->
    zip.getInputStream(zip.getEntry(TokenFile.RESOURCE)).withCloseable { TokenFile.read(it, name) }
}
/** Every file of a tree in a zip, by path below the tree's directory. */
def treeOf = { ZipFile zip, String dir ->
    zip.entries().toList().findAll { !it.directory && it.name.startsWith(dir + '/') }.collectEntries {
        [(it.name.substring(dir.length() + 1)): zip.getInputStream(it).withCloseable { s -> s.readAllBytes() }]
    }
}

def release1
def tree1
new ZipFile(jar1File).withCloseable { jar1 ->
    release1 = tokenFileOf(jar1, 'release 1 jar')
    assert release1.retained().isEmpty() : 'release 1 is a first release: nothing to retain'
    tree1 = treeOf(jar1, release1.assetDirectory())
}
def t1 = release1.token()
assert t1.startsWith('rel-1')
assert tree1.keySet().containsAll(['css/app.css', 'css/app.css.gz', 'js/app.js', 'js/app.js.gz', 'js/chunk-r1.js'])
assert tree1.keySet().any { it.endsWith('.br') } : 'brotli siblings are retained too (brotli4j loads on linux-x86_64)'

// Release 1's static zip: its own tree and its token file, so that it can be retained.
new ZipFile(zip1File).withCloseable { zip1 ->
    assert tokenFileOf(zip1, 'release 1 zip').manifest() == release1.manifest()
    assert treeOf(zip1, release1.assetDirectory()).keySet() == tree1.keySet()
}

def release2
def tree2
def retainedTree
new ZipFile(jar2File).withCloseable { jar2 ->
    release2 = tokenFileOf(jar2, 'release 2 jar')
    tree2 = treeOf(jar2, release2.assetDirectory())
    // Release 1's tree under its own token, under release 2's prefix.
    retainedTree = treeOf(jar2, release2.prefix().directory(t1))
    assert !jar2.entries().toList().any { it.name.contains('.cachebreaker-retain-') } : 'a staging directory leaked'
}
def t2 = release2.token()
assert t2.startsWith('rel-2') && t2 != t1

// The token file lists release 1 as retained, with exactly its build instant and manifest.
assert release2.retained()*.token() == [t1]
assert release2.retained()[0].manifest() == release1.manifest()
assert release2.retained()[0].lastModified() == release1.lastModified()

// Byte for byte, every file and sibling, nothing more.
assert retainedTree.keySet() == tree1.keySet()
tree1.each { path, bytes -> assert Arrays.equals(retainedTree[path], bytes) : "retained $path differs from release 1" }
assert !tree2.containsKey('js/chunk-r1.js') : 'release 2 itself no longer has the chunk'
assert !Arrays.equals(tree2['css/app.css'], tree1['css/app.css']) : 'release 2 changed the css'

// Release 2's static zip stays release 2's tree only.
new ZipFile(zip2File).withCloseable { zip2 ->
    assert !zip2.entries().toList().any { it.name.startsWith(release2.prefix().directory(t1)) }
    assert tokenFileOf(zip2, 'release 2 zip').retained().isEmpty()
}

def log = new File(basedir, 'build.log').text
assert log.contains('retained 1 previous release') : 'the build logs what it retained'
assert log =~ /retained 1 previous release, \d+ files adding \d+ bytes/

// Serve release 2's jar in Tomcat, as the application would: release 1's assets come back byte for byte.
def client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build()
def work = new File(basedir, 'target/tomcat-work').toPath()
// Tomcat sets the JVM's one URL stream handler factory; an earlier script's Tomcat in this JVM (another class loader)
// already did, so this one must not try again.
org.apache.catalina.webresources.TomcatURLStreamHandlerFactory.disable()
def loader = new URLClassLoader([jar2File.toURI().toURL()] as URL[], SiteFixture.classLoader)
def setup = new Container.Setup(loader, work).initializer(new CachebreakerInitializer())
def container = TomcatContainer.FACTORY.start(setup)
try {
    assert container.available() : 'the context did not start on release 2'
    def get = { String path, Map headers = [:] ->
        def request = HttpRequest.newBuilder(container.origin().resolve(path)).timeout(Duration.ofSeconds(30))
        headers.each { name, value -> request.header(name, value) }
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray())
    }
    def header = { response, String name -> response.headers().firstValue(name).orElse(null) }
    def prefix1 = '/ctx/' + release2.prefix().directory(t1) + '/'
    def prefix2 = '/ctx/' + release2.assetDirectory() + '/'

    ['css/app.css', 'js/app.js', 'js/chunk-r1.js'].each { path ->
        def response = get(prefix1 + path)
        assert response.statusCode() == 200 : "retained $path answered ${response.statusCode()}" +
                " ${header(response, 'Location')}: the runtime must serve retained tokens"
        assert Arrays.equals(response.body(), tree1[path]) : "retained $path is not release 1's bytes"
        assert header(response, 'Cache-Control') == 'public, max-age=31536000, immutable'
    }
    def gzipped = get(prefix1 + 'js/app.js', ['Accept-Encoding': 'gzip'])
    assert gzipped.statusCode() == 200 && header(gzipped, 'Content-Encoding') == 'gzip'
    assert Arrays.equals(gzipped.body(), tree1['js/app.js.gz']) : 'the retained gzip sibling is sent as it is'

    def current = get(prefix2 + 'css/app.css')
    assert current.statusCode() == 200 && Arrays.equals(current.body(), tree2['css/app.css'])
    assert get(prefix2 + 'js/chunk-r1.js').statusCode() == 404 : 'the chunk is release 1\'s only'

    // An older token that is not retained (of the same shape as the current one, fingerprint or not) still gets the
    // redirect to the current bytes.
    def older = get('/ctx/' + release2.prefix().directory(t2.replaceFirst('^rel-2', 'rel-0')) + '/css/app.css')
    assert older.statusCode() == 301
    assert header(older, 'Location') == prefix2 + 'css/app.css'
} finally {
    container.close()
    loader.close()
}
