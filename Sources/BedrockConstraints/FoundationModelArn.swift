/// Reads the foundation model id out of a `foundation-model/` ARN.
public enum FoundationModelArn {
    /// `ID` of `arn:PARTITION:bedrock:REGION:ACCOUNT:foundation-model/ID`; nil for any other string.
    public static func modelId(in arn: String) -> String? {
        guard arn.hasPrefix("arn:") else { return nil }
        // The sixth colon-separated field names the resource.
        var colons = 0
        var index = arn.utf8.startIndex
        while index < arn.utf8.endIndex, colons < 5 {
            if arn.utf8[index] == UInt8(ascii: ":") { colons += 1 }
            index = arn.utf8.index(after: index)
        }
        let resource = arn[index...]
        guard colons == 5, resource.hasPrefix("foundation-model/") else { return nil }
        return String(resource.dropFirst("foundation-model/".count))
    }
}
