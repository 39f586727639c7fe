import io.cachebreaker.runtime.tokenfile.TokenFile
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.util.zip.ZipFile

// Installs the war in the unpacked Tomcat distribution as /shop, starts Tomcat on a free port, checks the JSP page
// and the serving rules over HTTP, and stops Tomcat whatever happens.
def server = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/server.groovy'))

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

def serverXml = new File(home, 'conf/server.xml')
def shipped = serverXml.text
new File(home, 'webapps').mkdirs()
new File(home, 'temp').mkdirs()
Files.copy(war.toPath(), new File(home, 'webapps/shop.war').toPath(), StandardCopyOption.REPLACE_EXISTING)

def log = new File(target, 'tomcat.log')
// Until the war is deployed the page is a 404 or the port is closed.
def started = server.startOnFreePort(log, { port -> "http://127.0.0.1:$port/shop/" }) { port ->
    // No shutdown port at all (-1): the process handle stops Tomcat, so there is no second port to collide.
    def configured = shipped.replace('<Server port="8005"', '<Server port="-1"')
            .replace('<Connector port="8080"', "<Connector address=\"127.0.0.1\" port=\"$port\"")
    assert configured.count('port="-1"') == 1 && configured.count("port=\"$port\"") == 1 : 'server.xml changed shape'
    serverXml.text = configured
    server.start([server.java(), "-Dcatalina.home=$home", "-Dcatalina.base=$home",
            "-Djava.io.tmpdir=$home/temp", '-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager',
            "-Djava.util.logging.config.file=$home/conf/logging.properties",
            '-cp', "$home/bin/bootstrap.jar$File.pathSeparator$home/bin/tomcat-juli.jar",
            'org.apache.catalina.startup.Bootstrap', 'start'], home, log)
}
def tomcat = started.process
def base = "http://127.0.0.1:$started.port"
def header = { response, String name -> response.headers().firstValue(name).orElse(null) }
try {
    def html = new String(started.response.body(), 'UTF-8')
    def prefix = "/shop/static/$token/"
    assert html.contains("href=\"${prefix}css/app.css\"") : html
    assert html.contains("src=\"${prefix}js/app.js\"") : html
    assert html.contains("Release $token") : html
    assert html =~ /integrity="sha256-[A-Za-z0-9+\/]{43}="/ : html

    ['css/app.css', 'js/app.js'].each { path ->
        def asset = server.get(base + prefix + path)
        assert asset.statusCode() == 200 : path
        assert asset.body() == entries[path] : path
        assert header(asset, 'Cache-Control') == 'public, max-age=31536000, immutable'
    }
    def gzipped = server.get(base + prefix + 'js/app.js', ['Accept-Encoding': 'gzip'])
    assert gzipped.statusCode() == 200
    assert header(gzipped, 'Content-Encoding') == 'gzip'
    assert gzipped.body() == entries['js/app.js.gz'] : 'the precompressed sibling is sent as it is'

    def moved = server.get("$base/shop/static/000000000000001/css/app.css")
    assert moved.statusCode() == 301
    assert header(moved, 'Location') == prefix + 'css/app.css'

    def early = server.get("$base/shop/static/999999999999999/css/app.css")
    assert early.statusCode() == 503
    assert header(early, 'Retry-After') == '3'

    assert server.get(base + prefix + 'css/missing.css').statusCode() == 404
} finally {
    server.stop(tomcat)
}
