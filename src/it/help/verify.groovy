// 'mvn cachebreaker:help -Ddetail' must document every parameter a user can set, of every goal, with its user
// property: the list comes from the plugin's own descriptor, so a new parameter is checked without editing this.
def descriptor = new File(basedir, '../../classes/META-INF/maven/plugin.xml')
assert descriptor.isFile() : 'no plugin descriptor at ' + descriptor
def plugin = new groovy.xml.XmlSlurper().parse(descriptor)

def lines = new File(basedir, 'build.log').readLines()
// The help text is logged as one message: goal names start their lines, parameters are indented by 4, their user
// property by 6.
def sections = [:]
def current = null
lines.each { line ->
    def goal = (line =~ /^(?:\[INFO\] )?cachebreaker:([a-z-]+)$/)
    if (goal.matches()) {
        current = goal.group(1)
        sections[current] = []
    } else if (current != null) {
        sections[current] << line
    }
}

def checked = [:]
plugin.mojos.mojo.each { mojo ->
    def goal = mojo.goal.text()
    assert sections.containsKey(goal) : "help does not list the goal cachebreaker:${goal}"
    def section = sections[goal]
    mojo.parameters.parameter.findAll { it.editable.text() == 'true' }.each { parameter ->
        def name = parameter.name.text()
        int at = section.findIndexOf { it ==~ /^    ${java.util.regex.Pattern.quote(name)}( \(Default: .*\))?$/ }
        assert at >= 0 : "help does not list the parameter '${name}' of cachebreaker:${goal}"
        int end = section.findIndexOf(at + 1) { it ==~ /^    \S.*/ }
        def text = section.subList(at + 1, end < 0 ? section.size() : end)
        def expression = mojo.configuration.children().find { it.name() == name }?.text()
        if (expression) {
            def property = expression.replaceAll(/^\$\{|\}$/, '')
            assert text.any { it.trim() == 'User property: ' + property } :
                    "help does not give '${name}' of cachebreaker:${goal} its user property ${property}"
        }
        checked.computeIfAbsent(goal) { [] } << name
    }
}

// And the descriptor is not empty or stale: the parameters the README documents are among those checked.
['skip', 'token', 'strategy', 'gitAbbrev', 'gitDirty', 'sourceDirectory', 'outputDirectory', 'prefix', 'precompress',
 'brotli', 'unsafeOmitFingerprint', 'includes', 'excludes', 'outputTimestamp', 'retainReleases', 'retainOutput',
 'retainPaths', 'retainArtifacts', 'retainMaxBytes', 'retainMissing', 'retainPreviousReleases'].each {
    assert checked['assets']?.contains(it) : "assets has no parameter '${it}' in its descriptor"
}
['skip', 'classifier', 'outputDirectory'].each {
    assert checked['static-zip']?.contains(it) : "static-zip has no parameter '${it}' in its descriptor"
}
def log = lines.join('\n')
for (property in ['cachebreaker.staticZip.skip', 'cachebreaker.staticZip.classifier', 'cachebreaker.retain.releases']) {
    assert log.contains('User property: ' + property) : 'help does not document ' + property
}
println "help documents ${checked.collect { goal, names -> "$goal: ${names.size()} parameters" }.join(', ')}"
