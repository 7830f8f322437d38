// Checks what the goals did to the database, what they said, and runs the driftless launcher jar.
def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text

    // status, +1, failIfPending
    assert log.contains('version 0 of 2, 2 pending:')
    assert log.contains('applied 1 initial in ')
    assert log.contains('driftless:status found pending versions (exit 4)')
    // the round trip: migrate, downgrade -1, migrate
    assert log.contains('applied 2 add_price in ')
    assert log.contains('reverted 2 add_price in ')
    assert log.contains('the database is at version 1')
    assert log.findAll(/applied 2 add_price in /).size() == 2 : 'version 2 applied, reverted and applied again'
    // check, history
    assert log.contains('the database matches the snapshot of version 2')
    assert log =~ /\s+2  add_price\s+.*ok/
    // tenants: one line each, the summary, the build failed naming the tenant
    assert log =~ /tenant_a: at version 2, applied 2 \(\d+ ms\)/
    assert log =~ /tenant_b: FAILED: version 1 \(initial\) failed and was rolled back/
    assert log =~ /tenant_c: at version 2, applied 2 \(\d+ ms\)/
    assert log.contains('2 of 3 tenants migrated')
    assert log.contains('driftless:migrate was refused or failed (exit 1): 1 of 3 tenants failed: tenant_b;')
    // repair, a downgrade without target
    assert log.contains('cleared the failed attempt of version 1 (initial) at ')
    assert log.contains('driftless:downgrade needs driftless.to')
    // no log line of the migrator by default
    assert !log.contains('INFO: applied version') && !log.contains('dev.driftless.migrate.Upgrade')

    // the database: version 2 with its column, tenants a and c migrated, b's attempt cleared
    assert db.strings('select version || \':\' || success from driftless_history order by version') == ['1:true', '2:true']
    assert db.strings("select column_name::text from information_schema.columns where table_schema = 'public' and table_name = 'product' order by ordinal_position") == ['id', 'name', 'price']
    assert db.strings('select max(version)::text from tenant_a.driftless_history where success') == ['2']
    assert db.strings('select max(version)::text from tenant_c.driftless_history where success') == ['2']
    assert db.strings('select count(*)::text from tenant_b.driftless_history') == ['0']

    // the offline script
    def script = new File(basedir, 'upgrade.sql').text
    assert script.contains('-- Driftless offline script: version 0 to 2 (upgrade)')
    assert script.contains('ALTER TABLE product ADD COLUMN price numeric(10,2) DEFAULT 0 NOT NULL;')

    // the squash the snippet's compilerArgs make possible
    assert new File(basedir, 'src/main/driftless/B0002__squashed.sql').isFile()

    // the launcher: the driftless-cli jar with the application's classes on --classpath
    def jar = new File(localRepositoryPath, 'dev/driftless/driftless-cli/' + context.get('driftlessVersion', '0.1.0-SNAPSHOT')
            + '/driftless-cli-' + context.get('driftlessVersion', '0.1.0-SNAPSHOT') + '.jar')
    assert jar.isFile() : "no launcher jar at ${jar}"
    def java = new File(System.getProperty('java.home'), 'bin/java').path
    def run = { List<String> args ->
        def pb = new ProcessBuilder([java, '-jar', jar.path, '--classpath', new File(basedir, 'target/classes').path] + args)
        pb.environment().put('DRIFTLESS_JDBC_URL', db.jdbcUrl())
        pb.redirectErrorStream(true)
        def p = pb.start()
        def out = p.inputStream.text
        p.waitFor()
        [p.exitValue(), out]
    }
    def (statusExit, statusOut) = run(['status'])
    assert statusExit == 0 : statusOut
    assert statusOut == 'version 2 of 2, up to date\n' : statusOut
    def (repairExit, repairOut) = run(['repair', '--schema', 'tenant_b'])
    assert repairExit == 0 : repairOut
    assert repairOut == 'nothing to repair: no failed attempt is recorded\n' : repairOut
    def (usageExit, usageOut) = run(['downgrade', '+1'])
    assert usageExit == 2 : usageOut
    return true
} finally {
    db?.close()
}
