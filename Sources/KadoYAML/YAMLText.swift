/// Turns a file's bytes into text, refusing what a YAML file cannot hold: bytes that
/// are not UTF-8 (a file saved as Latin-1 or Windows-1252) and NUL bytes (a binary file,
/// or UTF-16). The error points at the first such byte: its line, and its column counted
/// in characters of the valid text before it on that line.
public enum YAMLText {
    /// The text of `bytes`, or an error at the first invalid byte.
    public static func decode(_ bytes: [UInt8], file: String) throws(YAMLError) -> String {
        if let problem = firstProblem(in: bytes) {
            throw YAMLError(
                mark: SourceMark(file: file, line: problem.line, column: problem.column),
                message: problem.message)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    struct Problem {
        var line: Int
        var column: Int
        var message: String
    }

    /// Where the first invalid UTF-8 sequence or NUL byte is, if any.
    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 {
                return Problem(
                    line: line, column: column,
                    message:
                        "this file holds a NUL byte (0x00) here; a YAML file is text: save it as UTF-8 text (is it a binary or UTF-16 file?)"
                )
            }
            guard let length = sequenceLength(bytes, at: index) else {
                return Problem(
                    line: line, column: column,
                    message:
                        "the byte 0x\(hex(byte)) here is not UTF-8 text; save the file as UTF-8 (it may have been saved as Latin-1 or Windows-1252, where for example 'é' is the single byte 0xE9)"
                )
            }
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence at `index`, nil when it is not one
    /// (Unicode's table of well-formed sequences: no overlong forms, no surrogates,
    /// nothing above U+10FFFF, no missing continuation bytes).
    static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        let lead = bytes[index]
        let second: ClosedRange<UInt8>
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return nil
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
            return nil
        }
        return length
    }

    static func hex(_ byte: UInt8) -> String {
        let digits: [Character] = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
