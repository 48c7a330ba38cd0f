import AWSClient
import Foundation
import TestSupport
import Testing

@testable import CLI

@Suite struct InvokeCommandTests {
    static func runtime(_ transport: ScriptedTransport) -> BedrockRuntimeClient {
        BedrockRuntimeClient(
            service: ServiceClient(
                transport: transport, credentials: Clients.credentials, region: "us-east-1",
                endpoint: URL(string: "http://127.0.0.1:1")!, signingName: "bedrock", clock: TestClock().clock))
    }

    @Test func streamedChunksArePrintedAsTheyArrive() async throws {
        func chunk(_ text: String) -> [UInt8] {
            EventStreamMessage(
                headers: [(":event-type", .string("chunk")), (":message-type", .string("event"))],
                payload: Array("{\"bytes\":\"\(Data(text.utf8).base64EncodedString())\"}".utf8)
            ).encoded()
        }
        let transport = ScriptedTransport([
            .chunks(
                status: 200, headers: [], chunks: [chunk(#"{"outputText":"Hel"}"#), chunk(#"{"outputText":"lo"}"#)])
        ])
        let output = CapturedOutput()
        try await InvokeRunner.run(
            runtime: Self.runtime(transport), modelId: "amazon.titan-text-express-v1", body: Array("{}".utf8),
            contentType: "application/json", stream: true, context: output.context())
        #expect(output.stdout == "{\"outputText\":\"Hel\"}\n{\"outputText\":\"lo\"}\n")
    }

    @Test func invokeAgainstMoto() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let result = await ValidateCommandTests.run(
            [
                "invoke", "amazon.titan-text-express-v1", "--body", #"{"inputText":"hi"}"#, "--endpoint-url",
                moto.endpoint,
            ],
            environment: [
                "HOME": "/nonexistent", "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "test",
                "AWS_SECRET_ACCESS_KEY": "test",
            ])
        #expect(result.code == 0, "\(result.err)")
        #expect(!result.out.isEmpty)
    }

    @Test func missingCredentialsAreAClearError() async {
        let result = await ValidateCommandTests.run(
            ["invoke", "m.x", "--body", "{}", "--endpoint-url", "http://127.0.0.1:9"],
            environment: ["HOME": "/nonexistent", "AWS_REGION": "us-east-1"])
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("error: no AWS credentials found; bedrockctl looked in:"))
    }

    static let notReady = ScriptedTransport.error(
        429, "ModelNotReadyException", "Model is not ready for inference. Wait and try your request again.")
    static let imported = "arn:aws:bedrock:us-east-1:000000000000:imported-model/abcdefghijkl"

    @Test func aLoadingModelIsWaitedForAndSaidSo() async throws {
        let transport = ScriptedTransport([
            Self.notReady, Self.notReady, ScriptedTransport.json(200, #"{"outputText":"warm"}"#),
        ])
        let output = CapturedOutput()
        try await InvokeRunner.run(
            runtime: Self.runtime(transport), modelId: Self.imported, body: Array("{}".utf8),
            contentType: "application/json", stream: false, context: output.context())
        #expect(output.stdout == "{\"outputText\":\"warm\"}\n")
        let lines = output.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(output.stderr)")
        #expect(
            lines.first?.hasPrefix(
                "\(Self.imported) is loading (ModelNotReadyException: Model is not ready for inference.") == true)
        #expect(
            lines.first?.contains("retry 1 of 5 in ") == true && lines.last?.contains("retry 2 of 5 in ") == true,
            "\(output.stderr)")
    }

    @Test func aModelThatStaysLoadingFailsClearly() async throws {
        let transport = ScriptedTransport(Array(repeating: Self.notReady, count: 6))
        let output = CapturedOutput()
        do {
            try await InvokeRunner.run(
                runtime: Self.runtime(transport), modelId: Self.imported, body: Array("{}".utf8),
                contentType: "application/json", stream: true, context: output.context())
            Issue.record("no error")
        } catch let error as ModelStillLoadingError {
            #expect(error.retries == 5)
            #expect(
                "\(error)".hasPrefix(
                    "\(Self.imported) is still not ready after 5 retries (ModelNotReadyException: Model is not ready"))
            #expect("\(error)".hasSuffix("invoke it again later"))
        }
        #expect(transport.requests.count == 6)
        #expect(output.stderr.split(separator: "\n").count == 5)
        #expect(output.stdout.isEmpty)
    }
}

/// Output into a pipe whose reader is gone (`bedrockctl invoke … --stream | head -c 5`) ends the
/// process quietly, with the status a SIGPIPE gives (141); it crashed in FileHandle.write, once
/// NIO had set SIGPIPE aside.
@Suite struct ClosedPipeTests {
    @Test func aClosedPipeEndsTheCommandWith141AndNoCrash() async throws {
        let binary = "'" + (try BedrockctlProcess.executable()) + "'"
        let folder = try ValidateCommandTests.folder([:])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let script = """
            \(binary) emulator --port 0 > emulator.log 2>&1 &
            emulator=$!
            trap 'kill -KILL $emulator' EXIT
            for _ in $(seq 100); do grep -q listening emulator.log && break; sleep 0.05; done
            endpoint=$(sed -n 's/.*listening on //p' emulator.log)
            AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \(binary) invoke amazon.titan-text-express-v1 \
              --body '{"inputText":"hi"}' --stream --endpoint-url "$endpoint" --region us-east-1 2> invoke.log \
              | head -c 5 > /dev/null
            echo "status=${PIPESTATUS[0]}"
            cat invoke.log
            """
        let result = try await Shell.run(
            script, directory: folder, environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"])
        #expect(result.output.contains("status=141"), "\(result.output)")
        #expect(!result.output.contains("Fatal error") && !result.output.contains("crashed"), "\(result.output)")
    }
}
