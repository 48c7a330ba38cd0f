import AWSClient
import BedrockEmulator
import Foundation
import FuzzCommon
import SigV4

/// The emulator's request handling, in-process, on a fresh emulator per input.
///
/// The first byte is a control byte: when its low bit is set, every request is signed with
/// SigV4 (access key `test`, secret `test`, us-east-1, bedrock, the current time) before it is
/// handled, so the input reaches the operations and not only the signature check. The rest is
/// up to eight requests in HTTP text (see `HTTPText`) separated by a line `===`, handled in
/// order against one emulator, so that a create can be followed by a get, an update, an
/// `/_emulator/advance` of emulated time (unsigned, as the admin endpoints are) and a delete.
///
/// Properties: a status is an HTTP status; a JSON answer parses as JSON; an event-stream answer
/// decodes as an event stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let sign = data[0] & 1 == 1
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))[...]
    let requests = HTTPText.split(rest, on: HTTPText.requestSeparator, limit: 8).map { HTTPText.request($0) }

    let done = DispatchSemaphore(value: 0)
    Task {
        await handle(requests, sign: sign)
        done.signal()
    }
    done.wait()
    return 0
}

private func handle(_ requests: [EmulatorRequest], sign: Bool) async {
    var settings = EmulatorSettings()
    settings.seed = 1
    // Real time for signatures; injected latency is not waited for.
    let clock = AWSClock(now: { Date() }, sleep: { _ in })
    let emulator: Emulator
    do { emulator = try Emulator(settings: settings, clock: clock) } catch {
        fatalError("the emulator does not start: \(error)")
    }
    for request in requests {
        let response = await emulator.handle(sign ? signer.sign(request, date: Date()) : request)
        let body = String(decoding: response.body.prefix(200), as: UTF8.self)
        trace("\(request.method) \(request.path) -> \(response.status) \(body)")
        check(response, for: request)
    }
}

private func check(_ response: EmulatorResponse, for request: EmulatorRequest) {
    let route = "\(request.method) \(request.path)"
    expect((100..<600).contains(response.status), "\(route): status \(response.status)")
    let contentType = HeaderLookup.value("content-type", in: response.headers) ?? ""
    if contentType.hasPrefix("application/json") {
        let body = Data(response.body)
        expect(
            (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) != nil,
            "\(route): a \(response.status) answer is not JSON: \(String(decoding: body.prefix(300), as: UTF8.self))")
    } else if contentType == "application/vnd.amazon.eventstream" {
        var decoder = EventStreamDecoder()
        do throws(EventStreamDecoder.DecodingError) {
            for chunk in response.chunks { _ = try decoder.feed(chunk) }
            try decoder.finish()
        } catch {
            expect(false, "\(route): the event stream answered does not decode: \(error)")
        }
    }
}

private let signer = Signer(
    credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), region: "us-east-1", service: "bedrock")
