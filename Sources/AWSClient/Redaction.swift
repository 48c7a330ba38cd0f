import Foundation
import Synchronization

/// Removes credential material from text before bedrockctl prints or writes it: session tokens,
/// signatures, credential scopes and secret keys, by their shapes in AWS messages (a service that
/// echoes its canonical request echoes `x-amz-security-token:…`), and every secret this process
/// has signed with, wherever it appears.
public enum Redaction {
    public static let marker = "<redacted>"

    private static let secrets = Mutex<Set<String>>([])

    /// Remembers secrets in use (secret keys, session tokens, web-identity tokens), so that they
    /// are redacted wherever they turn up. Short values are not remembered: they would redact
    /// ordinary words.
    public static func register(_ candidates: String?...) {
        let values = candidates.compactMap { $0 }.filter { $0.count >= 8 }
        guard !values.isEmpty else { return }
        secrets.withLock { known in
            for value in values where !known.contains(value) { known.insert(value) }
        }
    }

    /// Patterns whose value part is credential material, `(name)(value)`, each with a lower-case
    /// literal that must occur for it to match, so ordinary text skips the regular expressions.
    nonisolated(unsafe) private static let patterns: [(trigger: String, regex: Regex<(Substring, Substring)>)] = [
        ("x-amz-security-token", try! Regex(#"(?i)(x-amz-security-token\s*[:=]\s*)[^\s&"',;]+"#)),
        ("x-amz-signature", try! Regex(#"(?i)(x-amz-signature\s*[:=]\s*)[0-9a-f]+"#)),
        ("signature", try! Regex(#"(Signature\s*=\s*)[0-9a-fA-F]{16,}"#)),
        ("credential", try! Regex(#"(Credential\s*=\s*)[^\s,&"']+"#)),
        ("x-amz-credential", try! Regex(#"(?i)(x-amz-credential\s*[:=]\s*)[^\s&"',;]+"#)),
        ("aws_secret_access_key", try! Regex(#"(?i)(aws_secret_access_key\s*[:=]\s*)[^\s"',;]+"#)),
        ("aws_session_token", try! Regex(#"(?i)(aws_session_token\s*[:=]\s*)[^\s"',;]+"#)),
        ("secretaccesskey", try! Regex(#"(?i)("secretAccessKey"\s*:\s*")[^"]*"#)),
        ("sessiontoken", try! Regex(#"(?i)("sessionToken"\s*:\s*")[^"]*"#)),
        ("secretaccesskey", try! Regex(#"(?i)(<SecretAccessKey>)[^<]*"#)),
        ("sessiontoken", try! Regex(#"(?i)(<SessionToken>)[^<]*"#)),
    ]

    /// `text` with credential material replaced by `<redacted>`.
    public static func redact(_ text: String) -> String {
        var out = text
        let known = secrets.withLock { $0 }
        for secret in known where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: marker)
        }
        let lowered = out.lowercased()
        for (trigger, regex) in patterns where lowered.contains(trigger) {
            out = out.replacing(regex) { match in match.output.1 + marker }
        }
        return out
    }
}
