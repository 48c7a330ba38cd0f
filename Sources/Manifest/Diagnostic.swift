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
    public static func warning(_ message: String, at mark: Mark) -> Diagnostic {
        Diagnostic(.warning, message, at: mark)
    }

    public init(_ error: YAMLError) {
        self.init(.error, error.message, at: error.mark)
    }

    public var description: String { "\(mark): \(severity.rawValue): \(message)" }
}

/// Collects diagnostics as decoding and validation go on.
public struct DiagnosticLog: Sendable {
    public private(set) var items: [Diagnostic] = []
    public private(set) var errorCount = 0

    public init() {}

    public mutating func error(_ message: String, at mark: Mark) { append(.error(message, at: mark)) }
    public mutating func warning(_ message: String, at mark: Mark) { append(.warning(message, at: mark)) }

    public mutating func append(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
        if diagnostic.severity == .error { errorCount += 1 }
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        for diagnostic in other { append(diagnostic) }
    }

    public var warningCount: Int { items.count - errorCount }
}
