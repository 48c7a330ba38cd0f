import CLibYAML

/// The libyaml event loop: owns the parser's lifetime and turns its errors into `YAMLError`s
/// carrying libyaml's own problem text and position.
enum LibYAMLEvents {
    private static let empty: [UInt8] = [0]

    static func forEach(
        _ buffer: UnsafeBufferPointer<UInt8>,
        file: String,
        _ body: (inout yaml_event_t) throws(YAMLError) -> Void
    ) throws(YAMLError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(
                .input, "libyaml could not initialise a parser (out of memory?)",
                at: Mark(file: file, line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        try empty.withUnsafeBufferPointer { (fallback: UnsafeBufferPointer<UInt8>) throws(YAMLError) in
            let base = buffer.count > 0 ? buffer.baseAddress! : fallback.baseAddress!
            yaml_parser_set_input_string(&parser, base, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw error(of: parser, file: file)
                }
                let done = event.type == YAML_STREAM_END_EVENT
                do throws(YAMLError) {
                    try body(&event)
                } catch {
                    yaml_event_delete(&event)
                    throw error
                }
                yaml_event_delete(&event)
                if done { return }
            }
        }
    }

    private static func error(of parser: yaml_parser_t, file: String) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown libyaml error"
        let mark = Mark(
            file: file, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        switch parser.error {
        case YAML_READER_ERROR:
            return YAMLError(.input, "\(problem) (byte offset \(parser.problem_offset))", at: mark)
        default:
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                let at = "line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1)"
                message += " (\(context) at \(at))"
            }
            return YAMLError(.syntax, message, at: mark)
        }
    }
}
