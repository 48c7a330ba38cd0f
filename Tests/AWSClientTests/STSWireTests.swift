import Foundation
import Testing

@testable import AWSClient

/// STS's XML, written and read by the one `STSWire`: what the emulator writes, the client reads
/// back unchanged, escapes included.
@Suite struct STSWireTests {
    @Test func anAnswerReadsBackAsTheIdentityItWasWrittenFrom() throws {
        let caller = CallerIdentity(
            account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/r&d/<me>", userId: "AROA\"X\":me")
        let xml = STSWire.answer("GetCallerIdentity", result: caller.resultFields, requestId: "req-1")
        #expect(xml.hasPrefix("<GetCallerIdentityResponse xmlns=\"\(STSWire.namespace)\"><GetCallerIdentityResult>"))
        #expect(xml.contains("<Arn>arn:aws:sts::123456789012:assumed-role/r&amp;d/&lt;me&gt;</Arn>"))
        #expect(CallerIdentity(answer: xml) == caller)
        #expect(CallerIdentity(answer: "<GetCallerIdentityResponse/>") == nil)
    }

    @Test func anErrorNamesItsCodeAndMessageAndWhoseFaultItIs() {
        let xml = STSWire.error(status: 403, code: "InvalidClientTokenId", message: "a <bad> token", requestId: "r")
        #expect(xml.contains("<Type>Sender</Type>"))
        #expect(STSWire.element("Code", in: xml) == "InvalidClientTokenId")
        #expect(STSWire.element("Message", in: xml) == "a <bad> token")
        #expect(STSWire.error(status: 503, code: "X", message: "m", requestId: "r").contains("<Type>Receiver</Type>"))
    }
}
