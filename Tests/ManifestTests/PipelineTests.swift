import Manifest
import Testing
import YAML

/// A large file is parsed on a second thread while decoding goes on: the result must be the
/// same, document for document and diagnostic for diagnostic, as loading it on one thread.
@Suite struct PipelineTests {
    static func bigStream(documents: Int, syntaxErrorAt: Int? = nil) -> String {
        (0..<documents).map { i -> String in
            if i == syntaxErrorAt { return "apiVersion: [unclosed\n" }
            let units = i % 97 == 0 ? "0" : "1"  // an error every 97 documents
            let model = i % 89 == 0 ? "acme.rocket-v1" : "amazon.titan-text-express-v1:0:8k"  // a warning every 89
            return Fixtures.throughput(
                name: "pt-\(i)", spec: ["tags: {team: t\(i % 7), env: prod}"], modelId: model, units: units)
        }.joined(separator: "---\n")
    }

    @Test(arguments: [nil, 1_500] as [Int?])
    func pipelinedLoadEqualsSerialLoad(syntaxErrorAt: Int?) {
        let text = Self.bigStream(documents: 3_000, syntaxErrorAt: syntaxErrorAt)
        #expect(text.utf8.count > ManifestLoaderThreshold.value, "the input must be large enough to be pipelined")
        let input = [ManifestInput(path: "big.yaml", bytes: Array(text.utf8))]
        let pipelined = ManifestLoader.load(input)
        let serial = ManifestLoader.load(input, pipelined: false)
        #expect(pipelined.resources == serial.resources)
        #expect(pipelined.diagnostics == serial.diagnostics)
        let expectedResources = syntaxErrorAt == nil ? 3_000 - 31 : 1_500 - 16
        #expect(pipelined.resources.count == expectedResources)
        #expect(pipelined.errorCount == (syntaxErrorAt == nil ? 31 : 17))
    }
}

enum ManifestLoaderThreshold {
    static let value = 256 << 10
}
