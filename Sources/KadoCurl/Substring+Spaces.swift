extension Substring {
    /// The text without leading and trailing spaces and tabs (header values, addresses,
    /// phone numbers), found on the UTF-8 bytes.
    package func trimmingSpaces() -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
            let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        // A combining mark right after the leading spaces makes one character with the last
        // of them, which stays: trimmed by characters then.
        if first != utf8.startIndex, utf8[first] >= 0x80 {
            let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
            guard let first = firstIndex(where: { !isSpace($0) }),
                let last = lastIndex(where: { !isSpace($0) })
            else { return "" }
            return String(self[first...last])
        }
        return String(self[first..<utf8.index(after: last)])
    }
}
