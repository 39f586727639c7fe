def log = new File(basedir, 'build.log').text
assert log.contains("Invalid cachebreaker prefix 'static/assets' (parameter 'prefix', property 'cachebreaker.prefix')")
assert !new File(basedir, 'target/classes/META-INF/cachebreaker.properties').exists()
