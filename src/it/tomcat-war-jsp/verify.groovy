import io.cachebreaker.runtime.tokenfile.TokenFile
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile

// Installs the war in the unpacked Tomcat distribution as /shop, starts Tomcat on a free port, checks the JSP page
// and the serving rules over HTTP, and stops Tomcat whatever happens.

def target = new File(basedir, 'target')
def war = new File(target, 'tomcat-war-jsp-1.0.0.war')
def home = new File(target, 'tomcat').listFiles().find { it.name.startsWith('apache-tomcat-') }
assert home?.isDirectory() : 'the Tomcat distribution was not unpacked'

def token
def entries = [:]
new ZipFile(war).withCloseable { zip ->
    assert zip.getEntry('WEB-INF/web.xml') == null : 'the war must need no configuration'
    token = zip.getInputStream(zip.getEntry('WEB-INF/classes/' + TokenFile.RESOURCE)).withCloseable {
        TokenFile.read(it, 'war').token()
    }
    ['css/app.css', 'js/app.js', 'js/app.js.gz'].each { path ->
        def entry = zip.getEntry("WEB-INF/classes/static/$token/$path")
        assert entry != null : "the war lacks $path"
        entries[path] = zip.getInputStream(entry).withCloseable { it.readAllBytes() }
    }
}

int port = new ServerSocket(0, 1, InetAddress.loopbackAddress).withCloseable { it.localPort }
def serverXml = new File(home, 'conf/server.xml')
def original = serverXml.text
// No shutdown port at all (-1): the process handle stops Tomcat, so there is no second port to collide.
def configured = original.replace('<Server port="8005"', '<Server port="-1"')
        .replace('<Connector port="8080"', "<Connector address=\"127.0.0.1\" port=\"$port\"")
assert configured.count('port="-1"') == 1 && configured.count("port=\"$port\"") == 1 : 'server.xml changed shape'
serverXml.text = configured
new File(home, 'webapps').mkdirs()
new File(home, 'temp').mkdirs()
Files.copy(war.toPath(), new File(home, 'webapps/shop.war').toPath(), StandardCopyOption.REPLACE_EXISTING)

def java = new File(System.getProperty('java.home'), 'bin/java').path
def log = new File(target, 'tomcat.log')
def command = [java, "-Dcatalina.home=$home", "-Dcatalina.base=$home", "-Djava.io.tmpdir=$home/temp",
               '-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager',
               "-Djava.util.logging.config.file=$home/conf/logging.properties",
               '-cp', "$home/bin/bootstrap.jar$File.pathSeparator$home/bin/tomcat-juli.jar",
               'org.apache.catalina.startup.Bootstrap', 'start']*.toString()
def tomcat = new ProcessBuilder(command).directory(home).redirectErrorStream(true).redirectOutput(log).start()

def http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build()
def get = { String path, Map headers = [:] ->
    def request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:$port$path"))
            .timeout(java.time.Duration.ofSeconds(30))
    headers.each { k, v -> request.header(k, v) }
    http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray())
}
def header = { HttpResponse r, String name -> r.headers().firstValue(name).orElse(null) }

try {
    // Until the war is deployed the page is a 404 or the port is closed; give it a bounded minute.
    def deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
    def page = null
    while (page?.statusCode() != 200) {
        assert tomcat.alive : "Tomcat exited with ${tomcat.exitValue()}:\n$log.text"
        assert System.nanoTime() < deadline : "/shop/ did not answer 200 within 60 s:\n$log.text"
        try {
            page = get('/shop/')
        } catch (ConnectException ignored) {
            page = null
        }
        if (page?.statusCode() != 200) {
            tomcat.waitFor(200, TimeUnit.MILLISECONDS) // a pause that also ends as soon as Tomcat dies
        }
    }

    def html = new String(page.body(), 'UTF-8')
    def prefix = "/shop/static/$token/"
    assert html.contains("href=\"${prefix}css/app.css\"") : html
    assert html.contains("src=\"${prefix}js/app.js\"") : html
    assert html.contains("Release $token") : html
    assert html =~ /integrity="sha256-[A-Za-z0-9+\/]{43}="/ : html

    ['css/app.css', 'js/app.js'].each { path ->
        def asset = get(prefix + path)
        assert asset.statusCode() == 200 : path
        assert asset.body() == entries[path] : path
        assert header(asset, 'Cache-Control') == 'public, max-age=31536000, immutable'
    }
    def gzipped = get(prefix + 'js/app.js', ['Accept-Encoding': 'gzip'])
    assert gzipped.statusCode() == 200
    assert header(gzipped, 'Content-Encoding') == 'gzip'
    assert gzipped.body() == entries['js/app.js.gz'] : 'the precompressed sibling is sent as it is'

    def moved = get('/shop/static/000000000000001/css/app.css')
    assert moved.statusCode() == 301
    assert header(moved, 'Location') == prefix + 'css/app.css'

    def early = get('/shop/static/999999999999999/css/app.css')
    assert early.statusCode() == 503
    assert header(early, 'Retry-After') == '3'

    assert get(prefix + 'css/missing.css').statusCode() == 404
} finally {
    tomcat.destroy() // SIGTERM: Tomcat's shutdown hook stops it cleanly
    if (!tomcat.waitFor(30, TimeUnit.SECONDS)) {
        tomcat.destroyForcibly().waitFor()
    }
}
