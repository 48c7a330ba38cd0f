/// Text from outside (names, messages, error bodies) made safe for a terminal or a log: control
/// characters other than newline and tab are shown as `\u{…}` escapes, so a NUL, BEL or an ESC
/// sequence from a hostile service can neither hide output nor drive the terminal.
public enum DisplayText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 controls but newline and tab, DEL, C1 controls, and the bidirectional overrides that
    /// can make a line read other than it is.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
