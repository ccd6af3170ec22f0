import Mustache

/// One template part (a subject, a body, a WhatsApp parameter) rendered once with every
/// value that is the same for all recipients of a promo in one locale, and a numbered
/// slot where each of the recipient's own values goes: rendering a message is then
/// joining strings, without walking a Mustache context per variable.
///
/// It is made by rendering the Mustache template itself with a marker in place of each
/// recipient value (``marker(_:)``, Unicode private-use scalars), so the output is exactly
/// Mustache's, provided the markers survive: ``MessageStencil`` only builds one when the
/// template's sections depend on nothing but the constants and the truthiness it is keyed
/// by, and no constant or template text holds a marker scalar.
struct TemplateStencil: Sendable {
    enum Piece: Sendable {
        case text(String)
        case slot(Int)
    }

    let pieces: [Piece]
    /// Whether slot values are HTML-escaped (an HTML body; Mustache escapes every `{{name}}`
    /// there and `kado validate` rejects the unescaped forms).
    let escapes: Bool

    /// The first scalar of every marker; the second is ``slotBase`` plus the slot number.
    static let markerStart: Unicode.Scalar = "\u{E000}"
    static let slotBase: UInt32 = 0xE100
    static let maxSlots = 0x100

    /// The marker of slot `index`.
    static func marker(_ index: Int) -> String {
        var text = String(markerStart)
        text.unicodeScalars.append(Unicode.Scalar(slotBase + UInt32(index)) ?? markerStart)
        return text
    }

    /// Whether `text` holds a marker scalar (then a stencil could not tell it from a slot).
    static func holdsMarker(_ text: String) -> Bool {
        // U+E000...U+E1FF are EE 80 80 ... EE 87 BF in UTF-8.
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == 0xEE, (0x80...0x87).contains(byte) { return true }
            previous = byte
        }
        return false
    }

    /// `template` rendered with `context` (markers for the recipient's values), split at
    /// the markers; nil when a marker is malformed or names no slot.
    init?(_ template: MustacheTemplate, context: [String: Any], slots: Int, escapes: Bool) {
        let rendered = template.render(context)
        var pieces: [Piece] = []
        var text = String.UnicodeScalarView()
        var iterator = rendered.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == Self.markerStart else {
                text.append(scalar)
                continue
            }
            guard let slot = iterator.next(), slot.value >= Self.slotBase,
                slot.value < Self.slotBase + UInt32(slots)
            else { return nil }
            if !text.isEmpty {
                pieces.append(.text(String(text)))
                text = String.UnicodeScalarView()
            }
            pieces.append(.slot(Int(slot.value - Self.slotBase)))
        }
        if !text.isEmpty { pieces.append(.text(String(text))) }
        self.pieces = pieces
        self.escapes = escapes
    }

    /// The part for one recipient: the constant text with `values` in their slots.
    func render(_ values: [String]) -> String {
        var out = ""
        var size = 0
        for piece in pieces {
            switch piece {
            case .text(let text): size += text.utf8.count
            case .slot(let slot): size += values[slot].utf8.count
            }
        }
        out.reserveCapacity(size + 16)
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .slot(let slot): out += escapes ? values[slot].htmlEscaped : values[slot]
            }
        }
        return out
    }
}
