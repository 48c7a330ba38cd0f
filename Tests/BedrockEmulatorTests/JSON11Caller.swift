import AWSClient
import BedrockEmulator
import Foundation
import SigV4
import TestSupport

/// Resource Groups Tagging API calls (or, with `service` and `targetPrefix` changed, Service
/// Quotas calls) to an in-process emulator, signed on the harness's clock and sent as JSON 1.1
/// exactly as an SDK sends them.
struct JSON11Caller {
    struct Answer {
        var status: Int
        var json: [String: Any]
        var errorType: String?

        /// The error's `__type`, nil on success.
        var code: String? { status == 200 ? nil : json["__type"] as? String }

        /// `ResourceARN`s of the page, in order.
        var arns: [String] { mappings.compactMap { $0["ResourceARN"] as? String } }

        var mappings: [[String: Any]] { json["ResourceTagMappingList"] as? [[String: Any]] ?? [] }

        /// Tags of each resource of the page, by ARN.
        var tags: [String: [String: String]] {
            var result: [String: [String: String]] = [:]
            for mapping in mappings {
                guard let arn = mapping["ResourceARN"] as? String, let tags = mapping["Tags"] as? [[String: String]]
                else { continue }
                result[arn] = Dictionary(tags.map { ($0["Key"] ?? "", $0["Value"] ?? "") }, uniquingKeysWith: { $1 })
            }
            return result
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let emulator: Emulator
    let clock: TestClock
    var region = "us-east-1"
    var service = "tagging"
    var targetPrefix = "ResourceGroupsTaggingAPI_20170126."

    func call(_ body: [String: Any] = [:], operation: String = "GetResources") async throws -> Answer {
        let data = Array(try JSONSerialization.data(withJSONObject: body))
        let headers = [
            ("Host", "127.0.0.1"), ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", targetPrefix + operation),
        ]
        let signer = Signer(
            credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), region: region, service: service)
        let request = signer.sign(
            SigningRequest(method: "POST", path: "/", query: [], headers: headers, body: data),
            date: clock.clock.now())
        let response = await emulator.handle(request)
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        let errorType = response.headers.first { $0.name.lowercased() == "x-amzn-errortype" }?.value
        return Answer(status: response.status, json: json, errorType: errorType)
    }

    /// Every page of a query, following `PaginationToken` until it comes back empty.
    func all(_ body: [String: Any] = [:]) async throws -> (tags: [String: [String: String]], pages: Int) {
        var tags: [String: [String: String]] = [:]
        var request = body
        var pages = 0
        while true {
            let answer = try await call(request)
            guard answer.status == 200 else { throw Failure(description: "GetResources answered \(answer.json)") }
            pages += 1
            tags.merge(answer.tags) { $1 }
            guard let token = answer.json["PaginationToken"] as? String, !token.isEmpty, pages < 1000 else { break }
            request["PaginationToken"] = token
        }
        return (tags, pages)
    }

    /// Moves emulated time forward through the admin endpoint (the real clock stays).
    func advance(_ seconds: Double) async {
        _ = await emulator.handle(
            EmulatorRequest(
                method: "POST", path: "/_emulator/advance",
                body: Array(#"{"seconds": \#(seconds)}"#.utf8)))
    }
}
