/// Checks the raw bytes before libyaml sees them: size, NUL bytes and UTF-8 well-formedness,
/// each reported at its line and column.
enum InputCheck {
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ParserLimits) throws(YAMLError) {
        if bytes.count > limits.maxInputBytes {
            throw YAMLError(
                .input,
                "file is \(bytes.count) bytes, over the limit of \(limits.maxInputBytes) bytes (raise it with "
                    + "--max-file-size)",
                at: Mark(file: file, line: 1, column: 1))
        }
        var i = 0
        let n = bytes.count
        let raw = UnsafeRawPointer(bytes.baseAddress)
        while i < n {
            // Fast path: eight bytes at a time while they are ASCII with no NUL among them.
            if let raw, i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if word & 0x8080_8080_8080_8080 == 0 && hasZero == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b >= 0x01 && b < 0x80 {
                i += 1
                continue
            }
            if b == 0 {
                throw YAMLError(
                    .input, "NUL byte in input; YAML text may not contain NUL",
                    at: position(of: i, in: bytes, file: file))
            }
            let width: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF:
                width = 2
                scalar = UInt32(b & 0x1F)
                minimum = 0x80
            case 0xE0...0xEF:
                width = 3
                scalar = UInt32(b & 0x0F)
                minimum = 0x800
            case 0xF0...0xF4:
                width = 4
                scalar = UInt32(b & 0x07)
                minimum = 0x10000
            default: throw invalid(at: i, in: bytes, file: file)
            }
            guard i + width <= n else { throw invalid(at: i, in: bytes, file: file) }
            for k in 1..<width {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { throw invalid(at: i, in: bytes, file: file) }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                throw invalid(at: i, in: bytes, file: file)
            }
            i += width
        }
    }

    private static func invalid(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> YAMLError {
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        return YAMLError(
            .input, "invalid UTF-8 byte 0x\(hex.count == 1 ? "0" + hex : hex); manifests must be UTF-8 text",
            at: position(of: offset, in: bytes, file: file))
    }

    /// Line and character column of a byte offset, counted only on the error path.
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> Mark {
        var line = 1
        var column = 1
        var i = 0
        while i < offset {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return Mark(file: file, line: line, column: column)
    }
}
