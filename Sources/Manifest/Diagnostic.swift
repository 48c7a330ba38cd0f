import YAML

/// One problem found in a manifest, at its place.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    public var severity: Severity
    public var message: String
    public var mark: Mark

    public init(_ severity: Severity, _ message: String, at mark: Mark) {
        self.severity = severity
        self.message = message
        self.mark = mark
    }

    public static func error(_ message: String, at mark: Mark) -> Diagnostic { Diagnostic(.error, message, at: mark) }
    public static func warning(_ message: String, at mark: Mark) -> Diagnostic { Diagnostic(.warning, message, at: mark) }

    public init(_ error: YAMLError) {
        self.init(.error, error.message, at: error.mark)
    }

    public var description: String { "\(mark): \(severity.rawValue): \(message)" }
}

/// Collects diagnostics as decoding and validation go on.
public struct DiagnosticLog: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public mutating func error(_ message: String, at mark: Mark) { items.append(.error(message, at: mark)) }
    public mutating func warning(_ message: String, at mark: Mark) { items.append(.warning(message, at: mark)) }
    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    public var errorCount: Int { items.count { $0.severity == .error } }
    public var warningCount: Int { items.count { $0.severity == .warning } }
}
