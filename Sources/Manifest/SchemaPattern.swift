import BedrockConstraints

/// The service model's patterns as JSON Schema patterns. The service model writes Java regular
/// expressions that must match a whole value; JSON Schema takes ECMA-262 ones that match
/// anywhere. So each is anchored, and `\s`, which Java reads as ASCII whitespace and ECMA-262 as
/// any Unicode space, is spelled out. The other constructs these patterns use (classes, groups,
/// `{m,n}`, `(?:…)`) read the same in both; `.` in RoleArn is the one left that differs at the
/// edges (Java and ECMA-262 stop it at `\r`, bedrockctl's matcher only at `\n`).
enum SchemaPattern {
    static func ecma(_ pattern: BedrockPattern) -> String {
        let asciiSpace = #"\t\n\x0B\f\r "#
        var out = ""
        var inClass = false
        var escaped = false
        for character in pattern.regex {
            if escaped {
                escaped = false
                if character == "s" {
                    out += inClass ? asciiSpace : "[" + asciiSpace + "]"
                } else {
                    out += "\\" + String(character)
                }
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[": inClass = true
            case "]": inClass = false
            default: break
            }
            if character != "\\" { out.append(character) }
        }
        return "^(?:" + out + ")$"
    }

    /// A pattern matching values that start with `prefix`, ignoring ASCII case.
    static func prefixIgnoringCase(_ prefix: String) -> String {
        let syntax = Set(#"^$\.*+?()[]{}|/"#)
        return "^"
            + prefix.map { character -> String in
                if character.isASCII && character.isLetter {
                    return "[" + character.lowercased() + character.uppercased() + "]"
                }
                return syntax.contains(character) ? "\\" + String(character) : String(character)
            }.joined()
    }
}
