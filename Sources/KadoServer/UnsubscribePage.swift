import KadoEngine

/// The pages a person sees at an unsubscribe link: a confirmation button (a link only
/// opens it, so mail scanners that follow links unsubscribe nobody) and the result.
enum UnsubscribePage {
    /// `GET /u/TOKEN`: one button that POSTs `List-Unsubscribe=One-Click` to the same URL.
    static func confirm(tenantName: String, channel: String, token: String) -> String {
        page(
            title: "Unsubscribe from \(tenantName)",
            body: """
                <h1>Unsubscribe from \(tenantName.htmlEscaped)?</h1>
                <p>You will get no more promotional \(channel.htmlEscaped) messages from \(tenantName.htmlEscaped).</p>
                <form method="post" action="/u/\(token.htmlEscaped)">
                  <input type="hidden" name="List-Unsubscribe" value="One-Click">
                  <button type="submit">Unsubscribe</button>
                </form>
                """)
    }

    /// After `POST /u/TOKEN`.
    static func done(tenantName: String, channel: String) -> String {
        page(
            title: "Unsubscribed",
            body: """
                <h1>You are unsubscribed</h1>
                <p>\(tenantName.htmlEscaped) will send you no more promotional \(channel.htmlEscaped) messages.</p>
                """)
    }

    private static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>\(title.htmlEscaped)</title></head>
        <body style="font-family: sans-serif; max-width: 32em; margin: 3em auto; padding: 0 1em">
        \(body)
        </body>
        </html>

        """
    }
}
