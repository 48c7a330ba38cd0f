import Foundation

/// Renders diagnostics for people (with the source line and a caret), for tools (JSON) and for
/// GitHub Actions (workflow-command annotations that show inline in a pull request).
public enum DiagnosticFormatter {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, github
    }

    /// `file:line:col: severity: message`, then the source line and a caret under the column.
    public static func text(_ diagnostics: [Diagnostic], inputs: [ManifestInput]) -> String {
        var lines = SourceLines(inputs)
        var out = ""
        for d in diagnostics {
            let message = d.message.count > 1000 ? d.message.prefix(1000) + "…" : Substring(d.message)
            out += "\(d.mark): \(d.severity.rawValue): \(message)\n"
            if let source = lines.line(d.mark.line, of: d.mark.file) {
                let (shown, caretColumn) = excerpt(source, column: d.mark.column)
                let prefix = shown.unicodeScalars.prefix(max(0, caretColumn - 1)).map { $0 == "\t" ? "\t" : " " }
                    .joined()
                out += "  \(shown)\n  \(prefix)^\n"
            }
        }
        return out
    }

    /// The widest source line shown in full; a longer one is cut to a window around the column.
    static let maxShownLine = 160

    /// `line`, or a window of it around `column` with `…` where it was cut, and the column of the
    /// caret within what is shown. Control characters are escaped.
    static func excerpt(_ line: String, column: Int) -> (String, Int) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > maxShownLine else { return (safe(scalars[...]), column) }
        let caret = min(max(column - 1, 0), scalars.count)
        let start = max(0, min(caret - maxShownLine / 2, scalars.count - maxShownLine))
        let end = min(scalars.count, start + maxShownLine)
        let head = start > 0 ? "…" : ""
        let tail = end < scalars.count ? "…" : ""
        return (head + safe(scalars[start..<end]) + tail, caret - start + 1 + head.unicodeScalars.count)
    }

    /// Control characters other than tab shown as `?`, one column each, so the caret still lines up.
    static func safe(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        for scalar in scalars {
            let control = (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            out.append(control ? "?" : scalar)
        }
        return String(out)
    }

    public static func json(_ diagnostics: [Diagnostic], summary: ValidationSummary) -> String {
        struct Entry: Encodable {
            var file: String, line: Int, column: Int, severity: Diagnostic.Severity, message: String
        }
        struct Document: Encodable {
            var formatVersion = 1
            var valid: Bool, files: Int, resources: Int, errors: Int, warnings: Int
            var diagnostics: [Entry]
        }
        let document = Document(
            valid: summary.errors == 0, files: summary.files, resources: summary.resources,
            errors: summary.errors, warnings: summary.warnings,
            diagnostics: diagnostics.map {
                Entry(
                    file: $0.mark.file, line: $0.mark.line, column: $0.mark.column, severity: $0.severity,
                    message: $0.message)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `::error file=…,line=…,col=…::message`, escaped as the workflow-command syntax requires.
    public static func github(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { d in
            "::\(d.severity.rawValue) "
                + "file=\(escapeProperty(d.mark.file)),line=\(d.mark.line),col=\(d.mark.column)"
                + "::\(escapeData(d.message))\n"
        }.joined()
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(
            of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// Counts for the summary line.
public struct ValidationSummary: Sendable, Hashable {
    public var files: Int
    public var resources: Int
    public var errors: Int
    public var warnings: Int

    public init(files: Int, resources: Int, errors: Int, warnings: Int) {
        self.files = files
        self.resources = resources
        self.errors = errors
        self.warnings = warnings
    }

    public init(_ set: ManifestSet) {
        self.init(
            files: set.inputs.count, resources: set.resources.count, errors: set.errorCount, warnings: set.warningCount)
    }

    public var line: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let counts = "\(plural(files, "file")), \(plural(resources, "resource"))"
        if errors > 0 {
            return
                "invalid: \(plural(errors, "error"))\(warnings > 0 ? ", " + plural(warnings, "warning") : "") "
                + "in \(plural(files, "file"))"
        }
        return "valid: \(counts)\(warnings > 0 ? ", " + plural(warnings, "warning") : "")"
    }
}

/// Source lines of the inputs, split lazily, for the caret display.
struct SourceLines {
    private var inputs: [String: [UInt8]] = [:]
    private var split: [String: [Substring]] = [:]

    init(_ inputs: [ManifestInput]) {
        for input in inputs { self.inputs[input.path] = input.bytes }
    }

    mutating func line(_ number: Int, of file: String) -> String? {
        if split[file] == nil {
            guard let bytes = inputs[file] else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            split[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = split[file], number >= 1, number <= lines.count else { return nil }
        let line = lines[number - 1]
        return String(line.hasSuffix("\r") ? line.dropLast() : line)
    }
}
