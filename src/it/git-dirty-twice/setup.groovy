new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/git-repository.groovy'))
        .commitAll(basedir, ['tokens.txt'])
// Uncommitted edits to tracked files: the work tree is dirty for both builds.
['first', 'second'].each { new File(basedir, "src/$it/css/app.css") << "h1 { margin: 0; }\n" }
// invoker treats any result other than true or null as a failed pre-build hook
return true
