import YAML

/// The bytes of one manifest file, named as the user named it (or `<stdin>`).
public struct ManifestInput: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Everything read from a set of manifest files: the valid resources, every diagnostic, and the
/// source texts the diagnostics point into.
public struct ManifestSet: Sendable {
    public var resources: [ManifestResource]
    public var diagnostics: [Diagnostic]
    public var inputs: [ManifestInput]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    public var provisionedThroughputs: [ProvisionedThroughputSpec] {
        resources.compactMap { if case .provisionedThroughput(let pt) = $0 { pt } else { nil } }
    }

    public var modelImportJobs: [ModelImportJobSpec] {
        resources.compactMap { if case .modelImportJob(let job) = $0 { job } else { nil } }
    }
}

/// Parses, decodes and validates manifest files; never stops at the first problem.
public enum ManifestLoader {
    public static func load(_ inputs: [ManifestInput], limits: ParserLimits = .default) -> ManifestSet {
        var log = DiagnosticLog()
        var resources: [ManifestResource] = []
        for input in inputs {
            let stream = YAMLParser.parse(input.bytes, file: input.path, limits: limits)
            log.append(contentsOf: stream.errors.map(Diagnostic.init))
            for document in stream.documents where !document.root.isNull {
                if let resource = DocumentDecoder.decode(document, log: &log) {
                    resources.append(resource)
                }
            }
        }
        CrossDocumentRules.check(resources, log: &log)
        let diagnostics = log.items.enumerated().sorted { a, b in
            a.element.mark != b.element.mark ? a.element.mark < b.element.mark : a.offset < b.offset
        }.map(\.element)
        return ManifestSet(resources: resources, diagnostics: diagnostics, inputs: inputs)
    }
}
