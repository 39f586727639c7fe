def app = new GroovyShell(getClass().classLoader).parse(new File(basedir, '../it-parent/boot-starter-app/verify-jar.groovy'))
app.verify(basedir, 'Jetty')
