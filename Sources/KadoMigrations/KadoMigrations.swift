import KadoPostgres

/// The migrations of the repository's migrations/, compiled into the binary, so that
/// `kado migrate` works from any working directory and from a binary copied anywhere.
///
/// migrations/ is the one source: ``files`` is generated from it by `make migrations`
/// (scripts/embed-migrations.py) into KadoMigrations+Files.swift, and a test fails while
/// the two differ.
public enum KadoMigrations {
    /// The built-in files as a source for ``Migrator``.
    public static var source: MigrationSource {
        .files(files, label: "the migrations built into kado")
    }
}
