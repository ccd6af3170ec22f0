import Testing

@testable import KadoStudio

@Suite("HTML: text is escaped, markup is not")
struct HTMLTests {
    @Test("interpolated text cannot become a tag or leave an attribute")
    func escaping() {
        let name = "<img src=x onerror=alert(1)> \"quoted\" & 'single'"
        let html: HTML = "<p title=\"\(name)\">\(name)</p>"
        #expect(
            html.markup
                == "<p title=\"&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &#39;single&#39;\">&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &#39;single&#39;</p>"
        )
    }

    @Test("HTML pieces go in as they are; numbers as digits")
    func composition() {
        let item: HTML = "<li>\("a<b")</li>"
        let list: HTML = "<ul>\([item, item])</ul><p>\(42)</p>"
        #expect(list.markup == "<ul><li>a&lt;b</li><li>a&lt;b</li></ul><p>42</p>")
        #expect(HTML.join([item, item], separator: ", ").markup == "<li>a&lt;b</li>, <li>a&lt;b</li>")
        #expect(HTML.text("é ✓ <").markup == "é ✓ &lt;")
    }
}
