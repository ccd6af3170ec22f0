import Testing

@testable import KadoPostgres

@Suite("PostgresConfiguration")
struct PostgresConfigurationTests {
    @Test("DB_* variables become a quoted keyword conninfo")
    func dbVariables() {
        let configuration = PostgresConfiguration.fromEnvironment([
            "DB_HOST": "db.internal", "DB_PORT": "6543", "DB_DATABASE": "say kaya", "DB_USERNAME": "app",
            "DB_PASSWORD": #"p@ss'w\rd"#, "DB_SSLMODE": "disable",
        ])
        #expect(configuration.source == .dbVariables)
        #expect(
            configuration.conninfo
                == #"host='db.internal' dbname='say kaya' user='app' password='p@ss\'w\\rd' sslmode='disable' port='6543'"#
        )
    }

    @Test("DATABASE_URL wins over DB_*; an explicit URL wins over both")
    func precedence() {
        let environment = [
            "DATABASE_URL": "postgresql://u:secret@h:5432/d", "DB_HOST": "other", "DB_DATABASE": "x",
        ]
        let fromURL = PostgresConfiguration.fromEnvironment(environment)
        #expect(fromURL.source == .databaseURL)
        #expect(fromURL.conninfo == "postgresql://u:secret@h:5432/d")

        let explicit = PostgresConfiguration.fromEnvironment(environment, url: "postgres://e/f")
        #expect(explicit.source == .explicit)
        #expect(explicit.conninfo == "postgres://e/f")
    }

    @Test("nothing set (or only empty values) leaves libpq's PG* defaults")
    func libpqDefaults() {
        let configuration = PostgresConfiguration.fromEnvironment(["DATABASE_URL": "", "DB_PORT": "5432"])
        #expect(configuration.source == .libpqDefaults)
        #expect(configuration.conninfo == "")
    }

    @Test("the description never shows the password")
    func descriptionHidesPassword() {
        let url = PostgresConfiguration(url: "postgresql://kado:hunter2@db:5432/promo?sslmode=require")
        #expect(!url.description.contains("hunter2"))
        #expect(url.description.contains("host=db"))
        #expect(url.description.contains("dbname=promo"))

        let keywords = PostgresConfiguration.fromEnvironment([
            "DB_HOST": "db", "DB_DATABASE": "promo", "DB_PASSWORD": "hunter2",
        ])
        #expect(!keywords.description.contains("hunter2"))
        #expect(keywords.description.contains("DB_* environment"))

        var overridden = url
        overridden.database = "kado_test"
        #expect(overridden.description.contains("dbname=kado_test"))
        #expect(!overridden.description.contains("dbname=promo"))

        let broken = PostgresConfiguration(url: "postgresql://kado:hunter2@[oops")
        #expect(!broken.description.contains("hunter2"))
    }

    @Test("conninfo values are quoted per libpq rules")
    func quoting() {
        #expect(PostgresConfiguration.quoteConninfoValue("") == "''")
        #expect(PostgresConfiguration.quoteConninfoValue(#"a b'c\d"#) == #"'a b\'c\\d'"#)
    }

    @Test("libpq messages quoting the connection string are redacted")
    func redaction() {
        let url = "postgresql://kado:hunter2@[::1/oops"
        let configuration = PostgresConfiguration(url: url)
        let redacted = configuration.redact("invalid URI: \"\(url)\"")
        #expect(redacted == "invalid URI: \"postgresql://***@[::1/oops\"")
        let keywords = PostgresConfiguration(host: "db", password: "s3cr3t pass")
        #expect(keywords.redact("token \"s3cr3t pass\" is odd") == "token \"***\" is odd")
        // One redaction everywhere (KadoURL): user info is hidden whole.
        #expect(PostgresConfiguration.redactURL("postgres://u@h/d") == "postgres://***@h/d")
        #expect(PostgresConfiguration.redactURL("postgres://h:5432/d") == "postgres://h:5432/d")
    }
}
