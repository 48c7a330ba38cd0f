import Foundation
import TestSupport
import Testing

@testable import AWSClient
@testable import BedrockEmulator

/// The emulator's errors are the service models' errors: every kind it can send
/// (`EmulatorErrorKind.allCases`) is checked against the error shapes of botocore's copies of
/// AWS's bedrock and bedrock-runtime models, read here with Foundation's JSON parser.
@Suite struct ErrorModelTests {
    /// One error shape of a service model: its HTTP status and members.
    struct ErrorShape: Sendable {
        var service: String
        var status: Int
        var members: Set<String>
    }

    /// Read once for all the tests here.
    static let loaded = Result { try readModelErrors() }
    static func modelErrors() throws -> [String: [ErrorShape]] { try loaded.get() }

    /// Every error shape of both models, by shape name. python3 only finds and unzips the files
    /// botocore ships; the JSON is parsed here.
    static func readModelErrors() throws -> [String: [ErrorShape]] {
        let script = """
            import base64, botocore, gzip, json, os
            root = os.path.join(os.path.dirname(botocore.__file__), 'data')
            files = {'bedrock': 'bedrock/2023-04-20/service-2.json', 'bedrock-runtime': \
            'bedrock-runtime/2023-09-30/service-2.json'}
            out = {}
            for name, path in files.items():
                full = os.path.join(root, path)
                data = open(full, 'rb').read() if os.path.exists(full) else gzip.open(full + '.gz').read()
                out[name] = base64.b64encode(data).decode()
            print(json.dumps(out))
            """
        let files = try JSONDecoder().decode([String: String].self, from: Python.run(script, requiring: ["botocore"]))
        var errors: [String: [ErrorShape]] = [:]
        for service in ["bedrock", "bedrock-runtime"] {
            let encoded = try #require(files[service], "botocore has no \(service) model")
            let data = try #require(Data(base64Encoded: encoded), "\(service): not base64")
            let model = try #require(
                try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(service): not a JSON object")
            let shapes = try #require(model["shapes"] as? [String: [String: Any]], "\(service): no shapes")
            for (name, shape) in shapes where shape["exception"] as? Bool == true {
                let error = try #require(shape["error"] as? [String: Any], "\(service) \(name): no error trait")
                let status = try #require(error["httpStatusCode"] as? Int, "\(service) \(name): no httpStatusCode")
                let members = Set((shape["members"] as? [String: Any] ?? [:]).keys)
                errors[name, default: []].append(ErrorShape(service: service, status: status, members: members))
            }
        }
        return errors
    }

    @Test func bothModelsAreRead() throws {
        let errors = try Self.modelErrors()
        #expect(errors["ValidationException"]?.count == 2, "ValidationException is in both models")
        #expect(errors["ModelNotReadyException"]?.map(\.service) == ["bedrock-runtime"])
    }

    @Test(arguments: EmulatorErrorKind.allCases)
    func everyKindHasTheModelsStatus(kind: EmulatorErrorKind) throws {
        let shapes = try Self.modelErrors()[kind.code] ?? []
        if kind.isModelled {
            #expect(!shapes.isEmpty, "\(kind.code) is marked modelled but is in neither model")
        } else {
            #expect(shapes.isEmpty, "\(kind.code) is in the \(shapes.map(\.service)) model: mark it modelled")
        }
        for shape in shapes {
            #expect(
                kind.status == shape.status,
                "\(kind.code): \(shape.service) says \(shape.status), the emulator sends \(kind.status)")
            #expect(shape.members.contains("message"), "\(kind.code): \(shape.service)'s shape has no message member")
        }
    }

    /// What goes on the wire for each kind: the model's status, `x-amzn-ErrorType` naming the
    /// shape (before the colon, as SDKs read it), and a JSON body of the shape's `message`.
    @Test(arguments: EmulatorErrorKind.allCases)
    func everyKindIsSentAsTheServiceSendsIt(kind: EmulatorErrorKind) throws {
        let response = EmulatorResponse.error(EmulatorError(kind, "why it failed"), requestId: "req-1")
        #expect(response.status == kind.status)
        let errorType = try #require(response.headers.first { $0.name == "x-amzn-ErrorType" }?.value)
        #expect(errorType.split(separator: ":").first.map(String.init) == kind.code)
        #expect(errorType.hasSuffix(kind.isModelled ? "/com.amazon.bedrock/" : "/com.amazon.coral.service/"))
        #expect(response.headers.contains { $0.name == "Content-Type" && $0.value == "application/json" })
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
        #expect(body == ["message": "why it failed"])
        // bedrockctl's client reads it back as the same error type and message.
        let decoded = AWSServiceError.decode(status: response.status, headers: response.headers, body: response.body)
        #expect(decoded.code == kind.code && decoded.message == "why it failed" && decoded.requestId == "req-1")
    }
}
