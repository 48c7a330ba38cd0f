import AWSClient
import BedrockEmulator
import Foundation

/// `--sandbox DIR`: the embedded emulator, its state kept in DIR, and what talks to it.
enum Sandbox {
    static let credentials = StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test"))
    static let endpoint = URL(string: "http://127.0.0.1")!

    /// The emulator of the sandbox folder, made if need be, with lifecycles short enough to wait for.
    static func emulator(at folder: String) throws -> Emulator {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var settings = EmulatorSettings()
        settings.provisionSeconds = 1
        settings.importSeconds = 2
        return try Emulator(settings: settings, statePath: folder + "/emulator-state.json")
    }

    /// A client of one service of the sandbox's emulator.
    static func service(_ transport: any HTTPTransport, region: String, signingName: String) -> ServiceClient {
        ServiceClient(
            transport: transport, credentials: credentials, region: region, endpoint: endpoint, signingName: signingName
        )
    }
}
