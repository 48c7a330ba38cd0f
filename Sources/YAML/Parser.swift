import CLibYAML

/// Parses YAML text through the system libyaml into positioned node trees, strictly.
public enum YAMLParser {
    /// Parses every document of `bytes`, which came from `file` (used only for positions).
    public static func parse(_ bytes: [UInt8], file: String, limits: ParserLimits = .default) -> YAMLStream {
        bytes.withUnsafeBufferPointer { parse(buffer: $0, file: file, limits: limits) }
    }

    public static func parse(_ text: String, file: String, limits: ParserLimits = .default) -> YAMLStream {
        parse(Array(text.utf8), file: file, limits: limits)
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>, file: String, limits: ParserLimits) -> YAMLStream {
        var documents: [YAMLDocument] = []
        let errors = parse(buffer: buffer, file: file, limits: limits) { documents.append(contentsOf: $0) }
        return YAMLStream(documents: documents, errors: errors)
    }

    /// Parses `bytes` and hands completed documents to `body` in chunks of about 64 KiB of text,
    /// in order, as parsing goes; returns every problem found. A caller that decodes each chunk
    /// as it comes keeps one chunk's trees in memory, and can decode one while the next is parsed.
    public static func parse(
        _ bytes: [UInt8], file: String, limits: ParserLimits = .default, chunk body: ([YAMLDocument]) -> Void
    ) -> [YAMLError] {
        bytes.withUnsafeBufferPointer { parse(buffer: $0, file: file, limits: limits, chunk: body) }
    }

    static func parse(
        buffer: UnsafeBufferPointer<UInt8>, file: String, limits: ParserLimits, chunk body: ([YAMLDocument]) -> Void
    ) -> [YAMLError] {
        do throws(YAMLError) {
            try InputCheck.check(buffer, file: file, limits: limits)
        } catch {
            return [error]
        }
        var builder = TreeBuilder(file: file, limits: limits)
        do throws(YAMLError) {
            try LibYAMLEvents.forEach(buffer, file: file) { (event: inout yaml_event_t) throws(YAMLError) in
                let documents = try handle(&event, builder: &builder)
                if !documents.isEmpty { body(documents) }
            }
        } catch {
            let documents = builder.flush()
            if !documents.isEmpty { body(documents) }
            return builder.errors + [error]
        }
        let documents = builder.flush()
        if !documents.isEmpty { body(documents) }
        return builder.errors
    }

    /// Feeds one event to the builder; returns the documents it hands over, if any.
    private static func handle(
        _ event: inout yaml_event_t, builder: inout TreeBuilder
    ) throws(YAMLError) -> [YAMLDocument] {
        let line = Int(event.start_mark.line) + 1
        let column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            builder.startDocument(line: line, column: column)
        case YAML_DOCUMENT_END_EVENT:
            return builder.endDocument()
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            builder.scalar(
                UnsafeBufferPointer(start: s.value, count: s.length), style: style(s.style), tag: string(s.tag),
                anchor: string(s.anchor), line: line, column: column)
        case YAML_ALIAS_EVENT:
            try builder.alias(string(event.data.alias.anchor) ?? "", line: line, column: column)
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            try builder.startCollection(
                mapping: false, tag: string(s.tag), anchor: string(s.anchor), line: line, column: column)
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            try builder.startCollection(
                mapping: true, tag: string(m.tag), anchor: string(m.anchor), line: line, column: column)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            builder.endCollection()
        default:
            break
        }
        return []
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
