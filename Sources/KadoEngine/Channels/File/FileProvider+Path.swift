extension FileProvider {
    /// `{dir}/{tenant}/{channel}/{id}-{recipient}.{eml|json|txt}` (the kind's extension), every piece reduced to
    /// a safe file name (see ``fileNameComponent(_:)``), so no value can leave the
    /// directory.
    func path(for message: OutgoingMessage) -> String {
        let fileExtension = type(of: message.content).fileExtension
        let name = "\(message.id)-\(Self.fileNameComponent(message.recipient)).\(fileExtension)"
        let base = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        return [
            base, Self.fileNameComponent(message.tenantID), Self.fileNameComponent(message.channel), name,
        ]
        .joined(separator: "/")
    }

    /// Letters, digits and `.@+_-` are kept, anything else becomes `_`; a leading dot
    /// (hidden files, `..`) becomes `_`, and an empty value `_`.
    static func fileNameComponent(_ text: String) -> String {
        var result = String(
            text.prefix(120).map { character -> Character in
                let keep =
                    character.isASCII
                    && (character.isLetter || character.isNumber || ".@+_-".contains(character))
                return keep ? character : "_"
            })
        if result.hasPrefix(".") {
            result = "_" + result.dropFirst()
        }
        return result.isEmpty ? "_" : result
    }
}
