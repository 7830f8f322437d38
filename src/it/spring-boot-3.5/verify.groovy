// Checks what the application's builds and starts left behind.
def history = new File(basedir, 'src/main/driftless')
assert history.list().sort() == ['V0001__initial.sql', 'changelog.md', 'schema.md', 'snapshot.driftless'] : history.list()
def log = new File(basedir, 'build.log').text
assert log.contains("[DL201] Froze version 1 'initial'")
assert log.contains('Driftless: migrated the database to version 1 (1 initial)')
assert log.contains('Driftless: the database is at version 1, nothing to migrate')
def endpoint = log.readLines().find { it.startsWith('[shelf] /actuator/driftless: {') }
assert endpoint != null && endpoint.contains('"currentVersion":1') && endpoint.contains('"description":"initial"')
// The failed start: Spring Boot's report says what failed and what to do.
assert log.contains('APPLICATION FAILED TO START')
assert log.contains('Driftless could not migrate the database at start-up, so the application did not start')
assert log.contains('relation "book" already exists')
assert log.contains('spring.jpa.hibernate.ddl-auto=update lets Hibernate change the schema that Driftless migrates')
assert log.contains('To start without migrating, set driftless.enabled=false.')
assert log.contains('Tests run: 3, Failures: 0, Errors: 0')
return true
