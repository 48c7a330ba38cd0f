import BedrockConstraints
import Testing

@Suite struct StringConstraintTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var constraint: StringConstraint
        var value: String
        var expected: StringConstraint.Violation?
        var testDescription: String { "\(constraint.shape) \(value.count) chars" }
    }

    static let cases: [Case] = [
        Case(constraint: .provisionedModelName, value: "a", expected: nil),
        Case(constraint: .provisionedModelName, value: String(repeating: "a", count: 63), expected: nil),
        Case(
            constraint: .provisionedModelName, value: String(repeating: "a", count: 64),
            expected: .tooLong(length: 64, max: 63)),
        Case(constraint: .provisionedModelName, value: "", expected: .tooShort(length: 0, min: 1)),
        Case(constraint: .provisionedModelName, value: "a b", expected: .pattern(.resourceName)),
        Case(constraint: .importedModelName, value: String(repeating: "m", count: 63), expected: nil),
        Case(
            constraint: .importedModelName, value: String(repeating: "m", count: 64),
            expected: .tooLong(length: 64, max: 63)),
        Case(constraint: .jobName, value: String(repeating: "j", count: 63), expected: nil),
        Case(constraint: .jobName, value: String(repeating: "j", count: 64), expected: .tooLong(length: 64, max: 63)),
        Case(constraint: .tagKey, value: String(repeating: "k", count: 128), expected: nil),
        Case(constraint: .tagKey, value: String(repeating: "k", count: 129), expected: .tooLong(length: 129, max: 128)),
        Case(constraint: .tagKey, value: "", expected: .tooShort(length: 0, min: 1)),
        Case(constraint: .tagValue, value: "", expected: nil),
        Case(constraint: .tagValue, value: String(repeating: "v", count: 256), expected: nil),
        Case(
            constraint: .tagValue, value: String(repeating: "v", count: 257),
            expected: .tooLong(length: 257, max: 256)),
        Case(constraint: .subnetId, value: String(repeating: "s", count: 32), expected: nil),
        Case(constraint: .subnetId, value: String(repeating: "s", count: 33), expected: .tooLong(length: 33, max: 32)),
        Case(constraint: .s3Uri, value: "s3://b" + String(repeating: "k", count: 1018), expected: .pattern(.s3Uri)),
        Case(constraint: .s3Uri, value: "s3://bkt/" + String(repeating: "k", count: 1015), expected: nil),
        Case(
            constraint: .s3Uri, value: "s3://bkt/" + String(repeating: "k", count: 1016),
            expected: .tooLong(length: 1025, max: 1024)),
        Case(constraint: .idempotencyToken, value: String(repeating: "t", count: 256), expected: nil),
        Case(
            constraint: .idempotencyToken, value: String(repeating: "t", count: 257),
            expected: .tooLong(length: 257, max: 256)),
        Case(constraint: .modelIdentifier, value: "amazon.titan-text-express-v1:0:8k", expected: nil),
        Case(constraint: .roleArn, value: "arn:aws:iam::111122223333:role/x", expected: nil),
        Case(
            constraint: .roleArn, value: "arn:aws:iam::111122223333:role/" + String(repeating: "r", count: 2018),
            expected: .tooLong(length: 2049, max: 2048)),
        // Lengths count characters, not bytes.
        Case(constraint: .tagValue, value: String(repeating: "é", count: 256), expected: .pattern(.tag)),
        Case(
            constraint: .tagValue, value: String(repeating: "é", count: 257),
            expected: .tooLong(length: 257, max: 256)),
    ]

    @Test(arguments: cases)
    func check(_ c: Case) {
        #expect(c.constraint.check(c.value) == c.expected)
    }

    @Test func violationsReadWell() {
        #expect(StringConstraint.Violation.tooShort(length: 0, min: 1).description == "must not be empty")
        #expect(
            StringConstraint.Violation.tooLong(length: 64, max: 63).description
                == "is 64 characters, longer than the maximum of 63")
        #expect(
            StringConstraint.Violation.pattern(.vpcResourceId).description
                == "is not valid: expected letters, digits and '-', pattern [-0-9a-zA-Z]+")
    }
}
