import Manifest
import Testing

@Suite struct DiagnosticFormatterTests {

    static let set = Fixtures.load(
        Fixtures.throughput(spec: ["commitmentDuration: OneMonht", "tags: {\"ключ\": 'v 1'}"], units: "0"))

    @Test func textShowsTheLineAndACaret() {
        #expect(
            DiagnosticFormatter.text(Self.set.diagnostics, inputs: Self.set.inputs) == """
                m.yaml:7:15: error: spec.modelUnits: must be at least 1, got 0
                    modelUnits: 0
                                ^
                m.yaml:8:23: error: spec.commitmentDuration: "OneMonht" is not a commitment duration; did you mean \
                'OneMonth'? (omit the field for no commitment)
                    commitmentDuration: OneMonht
                                        ^
                m.yaml:9:10: error: spec.tags key: "ключ" is not valid: \
                expected letters, digits, spaces and . _ : / = + @ -, pattern [a-zA-Z0-9\\s._:/=+@-]* (TagKey)
                    tags: {"ключ": 'v 1'}
                           ^

                """)
    }

    @Test func caretsStayAlignedAfterTabs() {
        let set = Fixtures.load("x: {a: 1,\tb: 2,\ta: 3}\n")
        let duplicates = set.diagnostics.filter { $0.message.hasPrefix("duplicate key") }
        #expect(
            DiagnosticFormatter.text(duplicates, inputs: set.inputs) == """
                m.yaml:1:17: error: duplicate key 'a' (first defined at line 1, column 5)
                  x: {a: 1,\tb: 2,\ta: 3}
                           \t     \t^

                """)
    }

    @Test func jsonIsVersionedAndComplete() {
        let json = DiagnosticFormatter.json(Array(Self.set.diagnostics.prefix(1)), summary: ValidationSummary(Self.set))
        #expect(
            json == """
                {
                  "diagnostics" : [
                    {
                      "column" : 15,
                      "file" : "m.yaml",
                      "line" : 7,
                      "message" : "spec.modelUnits: must be at least 1, got 0",
                      "severity" : "error"
                    }
                  ],
                  "errors" : 3,
                  "files" : 1,
                  "formatVersion" : 1,
                  "resources" : 0,
                  "valid" : false,
                  "warnings" : 0
                }

                """)
    }

    @Test func githubAnnotationsEscapeProperties() {
        let set = Fixtures.load(Fixtures.throughput(units: "0"), file: "dir,x/a:b.yaml")
        #expect(
            DiagnosticFormatter.github(set.diagnostics)
                == "::error file=dir%2Cx/a%3Ab.yaml,line=7,col=15::spec.modelUnits: must be at least 1, got 0\n")
    }

    @Test func summaryLines() {
        #expect(ValidationSummary(files: 2, resources: 4, errors: 0, warnings: 0).line == "valid: 2 files, 4 resources")
        #expect(
            ValidationSummary(files: 1, resources: 1, errors: 0, warnings: 1).line
                == "valid: 1 file, 1 resource, 1 warning")
        #expect(
            ValidationSummary(files: 3, resources: 0, errors: 2, warnings: 1).line
                == "invalid: 2 errors, 1 warning in 3 files")
    }
}
