import Foundation
import YAML

/// The bytes of one manifest file, named as the user named it (or `<stdin>`).
public struct ManifestInput: Sendable {
    public var path: String
    public var bytes: [UInt8]
    /// Set when the input was over the size limit and was not read (its `bytes` are empty).
    public var tooLarge: TooLarge?

    public struct TooLarge: Sendable, Hashable {
        /// The file's size when known (a regular file); nil for a stream cut off at the limit.
        public var size: Int?
        public var limit: Int
    }

    public init(path: String, bytes: [UInt8], tooLarge: TooLarge? = nil) {
        self.path = path
        self.bytes = bytes
        self.tooLarge = tooLarge
    }
}

/// Everything read from a set of manifest files: the valid resources, every diagnostic, and the
/// source texts the diagnostics point into.
public struct ManifestSet: Sendable {
    public var resources: [ManifestResource]
    /// The stack named by a `kind: Stack` document, if there is one.
    public var stack: StackDeclaration?
    public var diagnostics: [Diagnostic]
    public var inputs: [ManifestInput]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    public init(
        resources: [ManifestResource], stack: StackDeclaration? = nil, diagnostics: [Diagnostic] = [],
        inputs: [ManifestInput] = []
    ) {
        self.resources = resources
        self.stack = stack
        self.diagnostics = diagnostics
        self.inputs = inputs
    }

    public var provisionedThroughputs: [ProvisionedThroughputSpec] {
        resources.compactMap { $0.spec(ProvisionedThroughputSpec.self) }
    }

    /// The resources that declare `spec.smokeTest`.
    public var smokeTested: [ManifestResource] { resources.filter { $0.smokeTest != nil } }

    public var modelImportJobs: [ModelImportJobSpec] {
        resources.compactMap { $0.spec(ModelImportJobSpec.self) }
    }
}

/// Parses, decodes and validates manifest files; never stops at the first problem.
public enum ManifestLoader {
    /// Loads `inputs`. With `pipelined` (the default), a large file is parsed on a second thread
    /// while the calling one decodes; the result is identical without it.
    public static func load(
        _ inputs: [ManifestInput], limits: ParserLimits = .default, pipelined: Bool = true
    ) -> ManifestSet {
        var log = DiagnosticLog()
        var resources: [ManifestResource] = []
        var stacks: [StackDeclaration] = []
        for input in inputs {
            if let tooLarge = input.tooLarge {
                let size = tooLarge.size.map { "\($0) bytes" } ?? "more than \(tooLarge.limit) bytes"
                log.error(
                    "file is \(size), over the limit of \(tooLarge.limit) bytes (raise it with --max-file-size)",
                    at: Mark(file: input.path, line: 1, column: 1))
                continue
            }
            let errors = parse(input, limits: limits, pipelined: pipelined) { chunk in
                for document in chunk where !document.root.isNull {
                    if let resource = DocumentDecoder.decode(document, log: &log, stacks: &stacks) {
                        resources.append(resource)
                    }
                }
            }
            log.append(contentsOf: errors.map(Diagnostic.init))
        }
        CrossDocumentRules.check(resources, log: &log)
        for extra in stacks.dropFirst() where extra.name != stacks[0].name {
            log.error(
                "metadata.name: the manifests already name stack \"\(stacks[0].name)\" at \(stacks[0].source); a "
                    + "set of manifests belongs to one stack",
                at: extra.source)
        }
        let diagnostics = log.items.enumerated().sorted { a, b in
            a.element.mark != b.element.mark ? a.element.mark < b.element.mark : a.offset < b.offset
        }.map(\.element)
        return ManifestSet(resources: resources, stack: stacks.first, diagnostics: diagnostics, inputs: inputs)
    }

    /// Files above this size are parsed on a second thread while the first decodes.
    static let pipelineThreshold = 256 << 10

    /// Parses one input, handing document chunks to `decode` in order. A large input is parsed on
    /// its own thread, so that decoding overlaps parsing; the result is the same either way.
    static func parse(
        _ input: ManifestInput, limits: ParserLimits, pipelined: Bool, decode: ([YAMLDocument]) -> Void
    ) -> [YAMLError] {
        guard pipelined, input.bytes.count >= pipelineThreshold else {
            return YAMLParser.parse(input.bytes, file: input.path, limits: limits, chunk: decode)
        }
        let pipe = ChunkPipe(capacity: 4)
        let parser = Thread {
            let errors = YAMLParser.parse(input.bytes, file: input.path, limits: limits) { pipe.put($0) }
            pipe.finish(errors)
        }
        parser.stackSize = 1 << 20
        parser.start()
        while true {
            switch pipe.next() {
            case .success(let chunk): decode(chunk)
            case .failure(let finished): return finished.errors
            }
        }
    }
}
