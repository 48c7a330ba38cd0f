import CLibYAML

/// A YAML value to write: what `YAMLEmitter` takes. Strings come out plain where that reads back
/// as the same string and quoted otherwise; numbers and booleans come out plain.
public indirect enum YAMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case sequence([YAMLValue], flow: Bool = false)
    case mapping([Entry])

    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: YAMLValue

        public init(_ key: String, _ value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }
}

/// Writes YAML through libyaml's emitter, never by concatenating strings: quoting, escaping and
/// indentation are libyaml's.
public enum YAMLEmitter {
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var problem: String
        public var description: String { "the YAML could not be written: \(problem)" }
    }

    /// The documents as one stream, each after the first preceded by `---`.
    public static func emit(_ documents: [YAMLValue]) throws(Failure) -> String {
        let output = Output()
        // On the heap, at one address for its whole life: libyaml keeps pointers into it.
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else { throw Failure(problem: "libyaml could not start") }
        defer { yaml_emitter_delete(emitter) }
        yaml_emitter_set_output(
            emitter,
            { context, bytes, size in
                guard let context, let bytes else { return 0 }
                Unmanaged<Output>.fromOpaque(context).takeUnretainedValue().bytes.append(
                    contentsOf: UnsafeBufferPointer(start: bytes, count: size))
                return 1
            }, Unmanaged.passUnretained(output).toOpaque())
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, 2)
        // No folding of long lines: an ARN stays on one line.
        yaml_emitter_set_width(emitter, -1)
        let writer = Writer(emitter: emitter)
        try writer.emit { event in yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) }
        for (index, document) in documents.enumerated() {
            try writer.emit { event in yaml_document_start_event_initialize(&event, nil, nil, nil, index == 0 ? 1 : 0) }
            try writer.value(document)
            try writer.emit { event in yaml_document_end_event_initialize(&event, 1) }
        }
        try writer.emit { event in yaml_stream_end_event_initialize(&event) }
        return withExtendedLifetime(output) { String(decoding: output.bytes, as: UTF8.self) }
    }

    final class Output {
        var bytes: [UInt8] = []
    }

    struct Writer {
        let emitter: UnsafeMutablePointer<yaml_emitter_t>

        func emit(_ make: (inout yaml_event_t) -> Int32) throws(Failure) {
            var event = yaml_event_t()
            guard make(&event) == 1 else { throw Failure(problem: "libyaml could not make an event") }
            // yaml_emitter_emit takes the event, and frees it, whether it succeeds or not.
            guard yaml_emitter_emit(emitter, &event) == 1 else {
                throw Failure(problem: emitter.pointee.problem.map { String(cString: $0) } ?? "unknown")
            }
        }

        func scalar(_ text: String, quoted: Bool) throws(Failure) {
            var bytes = Array(text.utf8) + [0]
            let style = quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE
            try emit { event in
                // One byte more than the text, so the pointer is never null (libyaml copies `length`).
                bytes.withUnsafeMutableBufferPointer { buffer in
                    yaml_scalar_event_initialize(
                        &event, nil, nil, buffer.baseAddress, Int32(buffer.count - 1), quoted ? 0 : 1, 1, style)
                }
            }
        }

        func value(_ value: YAMLValue) throws(Failure) {
            switch value {
            case .string(let text): try scalar(text, quoted: YAMLEmitter.needsQuotes(text))
            case .integer(let number): try scalar(String(number), quoted: false)
            case .bool(let flag): try scalar(flag ? "true" : "false", quoted: false)
            case .sequence(let items, let flow):
                try emit { event in
                    yaml_sequence_start_event_initialize(
                        &event, nil, nil, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE)
                }
                for item in items { try self.value(item) }
                try emit { event in yaml_sequence_end_event_initialize(&event) }
            case .mapping(let entries):
                try emit { event in yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
                for entry in entries {
                    try scalar(entry.key, quoted: YAMLEmitter.needsQuotes(entry.key))
                    try self.value(entry.value)
                }
                try emit { event in yaml_mapping_end_event_initialize(&event) }
            }
        }
    }

    /// Whether a string written plain would read back as something else: null, a boolean or a
    /// number under YAML 1.1 or 1.2 (so other tools read it as a string too). libyaml quotes
    /// anything else that needs it (leading spaces, `: `, `#`, indicators) on its own.
    static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty { return true }
        let lower = text.lowercased()
        if ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".nan", ".inf", "-.inf", "+.inf"]
            .contains(lower)
        {
            return true
        }
        let numeric = text.drop { $0 == "-" || $0 == "+" }
        return !numeric.isEmpty && numeric.first.map { $0.isNumber || $0 == "." } == true
            && numeric.allSatisfy { $0.isNumber || "._:eExXoObBabcdefABCDEF".contains($0) }
    }
}
