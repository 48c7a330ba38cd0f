import Foundation
import Testing

@testable import YAML

/// Writing YAML goes through libyaml's emitter: what it writes reads back, through the same
/// parser the manifests use, as the values that went in, however awkward the strings.
@Suite struct EmitterTests {
    /// The emitted value rebuilt from the parser's tree.
    static func read(_ node: Node) -> YAMLValue {
        switch node.content {
        case .scalar(let text, let style):
            if style == .plain, let value = node.scalarValue {
                switch value {
                case .int(let number): return .integer(number)
                case .bool(let flag): return .bool(flag)
                default: break
                }
            }
            return .string(text)
        case .sequence(let items): return .sequence(items.map(read), flow: false)
        case .mapping(let pairs):
            return .mapping(pairs.map { YAMLValue.Entry($0.key.scalarText ?? "?", read($0.value)) })
        }
    }

    static func unflowed(_ value: YAMLValue) -> YAMLValue {
        switch value {
        case .sequence(let items, _): return .sequence(items.map(unflowed), flow: false)
        case .mapping(let entries): return .mapping(entries.map { .init($0.key, unflowed($0.value)) })
        default: return value
        }
    }

    static let awkward = [
        "007", "1234", "1e3", "0x1F", "-1", "+1", ".5", "true", "False", "yes", "no", "on", "null", "~", "", " lead",
        "trail ", "a: b", "#hash", "- dash", "[x]", "{y}", "*star", "&anchor", "!tag", "'single'", "\"double\"",
        "line\nbreak", "tab\there", "ünïcødé ☃", "%percent", "@at", "`tick", "a #b",
        "arn:aws:bedrock:us-east-1::x/y:0:8k",
    ]

    @Test func everyAwkwardStringReadsBackAsItself() throws {
        let document = YAMLValue.mapping(Self.awkward.enumerated().map { .init("k\($0.offset)", .string($0.element)) })
        let text = try YAMLEmitter.emit([document])
        let stream = YAMLParser.parse(text, file: "emitted.yaml")
        #expect(stream.errors.isEmpty, "\(stream.errors)")
        let root = try #require(stream.documents.first?.root)
        #expect(Self.read(root) == document, "\(text)")
        // Keys are strings too.
        let keyed = YAMLValue.mapping(Self.awkward.map { .init($0.isEmpty ? "empty" : $0, .integer(1)) })
        let back = YAMLParser.parse(try YAMLEmitter.emit([keyed]), file: "keys.yaml")
        #expect(back.documents.first.map { Self.read($0.root) } == keyed)
    }

    @Test func documentsNumbersAndNestingRoundTrip() throws {
        let documents: [YAMLValue] = [
            .mapping([.init("kind", .string("Stack")), .init("metadata", .mapping([.init("name", .string("prod"))]))]),
            .mapping([
                .init("units", .integer(3)), .init("on", .bool(true)),
                .init("ids", .sequence([.string("subnet-1"), .string("subnet-2")], flow: true)),
                .init("empty", .mapping([])), .init("none", .sequence([])),
            ]),
        ]
        let text = try YAMLEmitter.emit(documents)
        #expect(text.contains("\n---"), "documents after the first start with ---: \(text)")
        #expect(text.contains("ids: [subnet-1, subnet-2]"), "\(text)")
        #expect(text.contains("units: 3\n") && !text.contains("\"3\""), "\(text)")
        let stream = YAMLParser.parse(text, file: "docs.yaml")
        #expect(stream.errors.isEmpty)
        #expect(stream.documents.map { Self.read($0.root) } == documents.map(Self.unflowed))
    }

    @Test func longValuesStayOnOneLine() throws {
        let arn = "arn:aws:bedrock:us-east-1:111122223333:custom-model/" + String(repeating: "x", count: 300)
        let text = try YAMLEmitter.emit([.mapping([.init("modelId", .string(arn))])])
        #expect(text == "modelId: \(arn)\n")
    }
}
