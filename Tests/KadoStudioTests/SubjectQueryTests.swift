import KadoEngine
import Testing

@testable import KadoStudio

@Suite("The rule page's query: who and which date")
struct SubjectQueryTests {
    @Test("forms write spaces as '+'; percent escapes decoded")
    func formEncoding() {
        let query = SubjectQuery(query: "sample=Emily+Carter&date=2026-12-02")
        #expect(query.who == .sample("Emily Carter") && query.date == LocalDate("2026-12-02"))
        #expect(SubjectQuery(query: "sample=%3Cimg%20src%3Dx%3E").who == .sample("<img src=x>"))
        #expect(SubjectQuery(query: "sample=a%2Bb").who == .sample("a+b"))
    }

    @Test("a user id wins over a sample; mistakes are said, not guessed")
    func users() {
        #expect(SubjectQuery(query: "user=42&sample=Ayu").who == .user(42))
        let bad = SubjectQuery(query: "user=abc&date=tomorrow")
        #expect(bad.who == .sample(nil) && bad.date == nil)
        #expect(
            bad.problems == [
                "'abc' is not a user id (a whole number)", "'tomorrow' is not a date in YYYY-MM-DD",
            ])
    }

    @Test("the query string it writes reads back the same")
    func roundTrip() {
        let day = LocalDate("2026-12-02")!
        for who in [
            SubjectQuery.Who.sample("Emily + Carter & Co"), .sample("<img src=x onerror=alert(1)>"), .user(7),
        ] {
            let text = SubjectQuery(who: who, date: day).queryString(date: day)
            let back = SubjectQuery(query: String(text.dropFirst()))
            #expect(back.who == who && back.date == day, "\(text)")
        }
    }
}
