new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/git-repository.groovy'))
        .commitAll(basedir, ['tokens.txt'])
// invoker treats any result other than true or null as a failed pre-build hook
return true
