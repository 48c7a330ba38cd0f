import Testing

@testable import YAML

@Suite struct ParserTests {
    static func parse(_ text: String, limits: ParserLimits = .default) -> YAMLStream {
        YAMLParser.parse(text, file: "t.yaml", limits: limits)
    }

    static func root(_ text: String) throws -> Node {
        let stream = parse(text)
        #expect(stream.errors.isEmpty, "\(stream.errors)")
        return try #require(stream.documents.first).root
    }

    @Test func mappingsKeepSourceOrderAndPositions() throws {
        let root = try Self.root("b: 1\na:\n  - x\n  - 'y'\n")
        guard case .mapping(let pairs) = root.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.map { $0.key.scalarText } == ["b", "a"])
        #expect(pairs[0].key.mark == Mark(file: "t.yaml", line: 1, column: 1))
        #expect(pairs[0].value.mark == Mark(file: "t.yaml", line: 1, column: 4))
        guard case .sequence(let items) = pairs[1].value.content else {
            Issue.record("not a sequence")
            return
        }
        #expect(items[1].mark == Mark(file: "t.yaml", line: 4, column: 5))
        #expect(items.map(\.scalarText) == ["x", "y"])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try Self.root("ключ: значение\n")
        guard case .mapping(let pairs) = root.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs[0].value.mark.column == 7)
    }

    @Test func scalarStylesAreKept() throws {
        let root = try Self.root("p: plain\ns: 'single'\nd: \"double\"\nl: |\n  lit\nf: >\n  fold\n")
        guard case .mapping(let pairs) = root.content else {
            Issue.record("not a mapping")
            return
        }
        let styles = pairs.map { pair -> ScalarStyle? in
            if case .scalar(_, let s) = pair.value.content { s } else { nil }
        }
        #expect(styles == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
        #expect(pairs[3].value.scalarText == "lit\n")
    }

    @Test(arguments: [
        ("true", ScalarValue.bool(true)), ("false", .bool(false)),
        ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")), ("off", .string("off")),
        ("True", .string("True")), ("y", .string("y")),
        ("42", .int(42)), ("-7", .int(-7)), ("+3", .int(3)), ("0", .int(0)),
        ("007", .string("007")), ("0x1F", .string("0x1F")), ("0o17", .string("0o17")), ("1_000", .string("1_000")),
        ("1e3", .string("1e3")), ("99999999999999999999", .string("99999999999999999999")),
        ("~", .null), ("null", .null), ("", .null), ("'true'", .string("true")), ("\"42\"", .string("42")),
        ("!!str 42", .string("42")), ("!!int \"42\"", .int(42)),
    ])
    func strictScalarResolution(_ source: String, _ expected: ScalarValue) throws {
        let root = try Self.root("v: \(source)\n")
        guard case .mapping(let pairs) = root.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs[0].value.scalarValue == expected)
    }

    @Test func multiDocumentStreams() {
        let stream = Self.parse("a: 1\n---\nb: 2\n---\n")
        #expect(stream.errors.isEmpty)
        #expect(stream.documents.count == 3)
        #expect(stream.documents[1].mark.line == 2)
        #expect(stream.documents[2].root.isNull)
    }

    @Test func aliasesAndMergeKeys() throws {
        let root = try Self.root(
            """
            base: &base {units: 1, model: m}
            copy: *base
            merged:
              <<: *base
              units: 2
            many:
              <<: [{a: 1}, {a: 2, b: 3}]
            """)
        guard case .mapping(let pairs) = root.content,
            case .mapping(let copy) = pairs[1].value.content,
            case .mapping(let merged) = pairs[2].value.content,
            case .mapping(let many) = pairs[3].value.content
        else {
            Issue.record("shape")
            return
        }
        #expect(copy.map(\.key.scalarText) == ["units", "model"])
        #expect(pairs[1].value.mark.line == 1, "an alias is its anchored node, position included")
        #expect(merged.map { "\($0.key.scalarText!)=\($0.value.scalarText!)" } == ["units=2", "model=m"])
        #expect(many.map { "\($0.key.scalarText!)=\($0.value.scalarText!)" } == ["a=1", "b=3"])
    }

    @Test func duplicateKeysAreErrorsAndAllAreReported() {
        let stream = Self.parse("a: 1\nb: 2\na: 3\nb: 4\n")
        #expect(
            stream.errors.map(\.description) == [
                "t.yaml:3:1: duplicate key 'a' (first defined at line 1, column 1)",
                "t.yaml:4:1: duplicate key 'b' (first defined at line 2, column 1)",
            ])
    }

    @Test func duplicateKeysInLargeMappings() {
        let keys = (0..<20).map { "k\($0): \($0)" }.joined(separator: "\n")
        let stream = Self.parse(keys + "\nk13: again\n")
        #expect(
            stream.errors.map(\.description) == [
                "t.yaml:21:1: duplicate key 'k13' (first defined at line 14, column 1)"
            ])
    }

    @Test func unknownTagsAndBadTaggedValues() {
        let stream = Self.parse("a: !custom x\nb: !!int abc\nc: !!python/object x\nd: !!bool yes\n")
        #expect(
            stream.errors.map(\.description) == [
                "t.yaml:1:4: unknown tag '!custom'; only the YAML core tags (!!str, !!int, !!bool, !!null, "
                    + "!!float, !!map, !!seq) are allowed",
                "t.yaml:2:4: 'abc' is not a valid value for tag 'tag:yaml.org,2002:int'",
                "t.yaml:3:4: unknown tag 'tag:yaml.org,2002:python/object'; only the YAML core tags (!!str, "
                    + "!!int, !!bool, !!null, !!float, !!map, !!seq) are allowed",
                "t.yaml:4:4: 'yes' is not a valid value for tag 'tag:yaml.org,2002:bool'",
            ])
    }

    @Test func nonScalarKeysAndUndefinedAliases() {
        let stream = Self.parse("? [a]\n: 1\nb: *nope\n")
        #expect(
            stream.errors.map(\.description) == [
                "t.yaml:1:3: mapping keys must be scalars, not a list",
                "t.yaml:3:4: alias '*nope' refers to no anchor defined before it in this document",
            ])
    }

    @Test func syntaxErrorsCarryLibyamlsProblemAndPosition() {
        let stream = Self.parse("a: 1\nb: [1, 2\nc: 3\n")
        #expect(stream.errors.count == 1)
        #expect(stream.errors[0].kind == .syntax)
        #expect(
            stream.errors[0].description
                == "t.yaml:3:2: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 4)")
    }

    @Test func tabIndentationIsLibyamlsScannerError() {
        let stream = Self.parse("a:\n\tb: 1\n")
        #expect(stream.errors.first?.kind == .syntax)
        #expect(
            stream.errors.first?.description.hasPrefix("t.yaml:2:1: found character that cannot start any token")
                == true)
    }

    @Test func documentsBeforeASyntaxErrorAreKept() {
        let stream = Self.parse("a: 1\n---\nb: [\n")
        #expect(stream.documents.count == 1)
        #expect(stream.errors.count == 1)
    }
}
