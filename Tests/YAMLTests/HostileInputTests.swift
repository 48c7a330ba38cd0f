import Testing

@testable import YAML

/// Inputs built to exhaust a parser fail fast with a clear message and bounded memory.
@Suite struct HostileInputTests {
    @Test func billionLaughsHitsTheAliasCap() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let stream = YAMLParser.parse(text, file: "lol.yaml")
        #expect(stream.errors.count == 1)
        let error = stream.errors[0]
        #expect(error.kind == .limit)
        #expect(
            error.description
                == "lol.yaml:5:45: aliases expand to more than 100000 nodes; refusing a document that grows by "
                + "alias expansion (a \"billion laughs\" file?)"
        )
    }

    @Test func deepNestingHitsTheDepthCap() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let stream = YAMLParser.parse(text, file: "deep.yaml")
        #expect(stream.errors.map(\.description) == ["deep.yaml:1:257: collections nested more than 256 deep"])
        #expect(stream.errors.first?.kind == .limit)
    }

    @Test func deepBlockNestingToo() {
        var text = ""
        for depth in 0..<300 { text += String(repeating: " ", count: depth) + "k:\n" }
        let stream = YAMLParser.parse(text, file: "deep.yaml")
        #expect(stream.errors.map(\.description) == ["deep.yaml:257:257: collections nested more than 256 deep"])
    }

    @Test func invalidUTF8IsReportedWhereItIs() {
        let bytes: [UInt8] = Array("a: 1\nb: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let stream = YAMLParser.parse(bytes, file: "bad.yaml")
        #expect(
            stream.errors.map(\.description) == ["bad.yaml:2:7: invalid UTF-8 byte 0xC3; manifests must be UTF-8 text"])
    }

    @Test(arguments: [
        [0xED, 0xA0, 0x80] as [UInt8],  // a UTF-16 surrogate
        [0xC0, 0xAF],  // an overlong encoding
        [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
        [0xE2, 0x82],  // truncated at end of input
        [0xFF, 0xFE],  // a UTF-16 byte order mark
    ])
    func malformedSequencesAreRejected(_ bad: [UInt8]) {
        let stream = YAMLParser.parse(Array("x: ".utf8) + bad, file: "bad.yaml")
        #expect(stream.errors.first?.kind == .input)
        #expect(stream.errors.first?.mark.line == 1)
        #expect(stream.errors.first?.mark.column == 4)
    }

    @Test func nulBytesAreRejected() {
        let stream = YAMLParser.parse(Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8), file: "nul.yaml")
        #expect(stream.errors.map(\.description) == ["nul.yaml:2:5: NUL byte in input; YAML text may not contain NUL"])
    }

    @Test func oversizeInputIsRefusedBeforeParsing() {
        var limits = ParserLimits.default
        limits.maxInputBytes = 10
        let stream = YAMLParser.parse("a: 12345678901\n", file: "big.yaml", limits: limits)
        #expect(
            stream.errors.map(\.description) == [
                "big.yaml:1:1: file is 15 bytes, over the limit of 10 bytes (raise it with --max-file-size)"
            ])
    }

    @Test func emptyInputIsNoDocuments() {
        let stream = YAMLParser.parse([], file: "empty.yaml")
        #expect(stream.errors.isEmpty)
        #expect(stream.documents.isEmpty)
    }
}
