import Testing

extension Tag {
    /// Needs the throwaway PostgreSQL cluster (`make test`; `make test-unit` leaves it out).
    @Tag public static var database: Self
    /// Starts a local stand-in (SMTP server, HTTP stub) with python3 (`make test-unit` leaves it out).
    @Tag public static var fakes: Self
}
