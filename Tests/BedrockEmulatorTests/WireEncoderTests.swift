import AWSClient
import Foundation
import Testing

@testable import BedrockEmulator

/// The emulator writes the client's shapes as the service writes its answers: members in the
/// shape's order, timestamps to the millisecond in UTC, string enums as their raw values, absent
/// optionals left out, nested lists and structures in place.
@Suite struct WireEncoderTests {
    @Test func aShapeIsWrittenAsTheServiceWritesIt() throws {
        let time = Date(timeIntervalSince1970: 1_795_568_523.25)
        let answer = Bedrock.ListInferenceProfilesOutput(
            inferenceProfileSummaries: [
                Bedrock.InferenceProfile(
                    inferenceProfileName: "team \"a\"", createdAt: time, inferenceProfileArn: "arn:x/1",
                    models: [.init(modelArn: "m1"), .init(modelArn: nil)], inferenceProfileId: "1", status: .active,
                    type: .application)
            ], nextToken: nil)
        let text = String(decoding: WireEncoder.encode(answer), as: UTF8.self)
        #expect(
            text
                == #"{"inferenceProfileSummaries":[{"inferenceProfileName":"team "#
                + #"\"a\"","createdAt":"2026-11-25T01:02:03.250Z","#
                + #""inferenceProfileArn":"arn:x/1","models":[{"modelArn":"m1"},{}],"inferenceProfileId":"1","#
                + #""status":"ACTIVE","type":"APPLICATION"}]}"#)
    }

    @Test func numbersAndBooleansStayWhatTheyAre() {
        let model = Bedrock.ImportedModel(
            modelArn: "a", instructSupported: true,
            customModelUnits: .init(customModelUnitsPerModelCopy: 2, customModelUnitsVersion: "1.0"))
        let text = String(decoding: WireEncoder.encode(model), as: UTF8.self)
        #expect(
            text
                == #"{"modelArn":"a","instructSupported":true,"customModelUnits":{"customModelUnitsPerModelCopy":2,"#
                + #""customModelUnitsVersion":"1.0"}}"#)
    }
}
