def log = new File(basedir, 'build.log').text
assert log.contains("Invalid cachebreaker token 'release/1.2'")
assert log.contains('[A-Za-z0-9._-]')
assert !new File(basedir, 'target/classes/META-INF/cachebreaker.properties').exists()
assert !new File(basedir, 'target/classes/static').exists()
