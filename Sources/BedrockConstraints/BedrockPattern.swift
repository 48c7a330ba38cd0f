/// The string patterns of the Bedrock control plane's service model (2023-04-20), each matched
/// in full, as the service matches them, by a hand-written scanner. `regex` keeps the model's
/// own text, for messages and for the test that checks each matcher against it.
public enum BedrockPattern: String, Sendable, CaseIterable {
    /// ProvisionedModelName, ImportedModelName, and custom model names.
    case resourceName
    /// ModelDeploymentName: a resource name of at most 63 groups.
    case deploymentName
    /// ModelIdentifier: a foundation or custom model id, an ARN of either, or a custom model name.
    case modelIdentifier
    /// A foundation model id such as `anthropic.claude-3-haiku-20240307-v1:0:48k`.
    case foundationModelId
    case jobName
    case roleArn
    case s3Uri
    case kmsKeyId
    /// SubnetId and SecurityGroupId.
    case vpcResourceId
    /// TagKey and TagValue.
    case tag
    case idempotencyToken
    /// CustomModelArn: a custom or imported model's ARN.
    case customModelArn
    /// InferenceProfileName: like a resource name, with spaces allowed.
    case inferenceProfileName
    /// InferenceProfileDescription.
    case inferenceProfileDescription
    /// InferenceProfileModelSourceArn: a foundation model's or a system inference profile's ARN.
    case inferenceProfileSourceArn
    /// `.*`: anything on one line (CustomModelDeploymentDescription).
    case singleLine

    public var regex: String {
        switch self {
        case .resourceName: return "([0-9a-zA-Z][_-]?)+"
        case .deploymentName: return "([0-9a-zA-Z][_-]?){1,63}"
        case .modelIdentifier:
            return
                #"arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/((imported)|"#
                + #"([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}))(([:][a-z0-9-]{1,63}){0,2})?/[a-z0-9]{12})|"#
                + #"(:foundation-model/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})"#
                + #"([:][a-z0-9-]{1,63}){0,2})))|"#
                + #"(([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63})"#
                + #"{0,2}))|(([0-9a-zA-Z][_-]?)+)"#
        case .foundationModelId:
            return "[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}"
        case .jobName: return #"[a-zA-Z0-9](-*[a-zA-Z0-9\+\-\.])*"#
        case .roleArn: return "arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+"
        case .s3Uri:
            return "s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?"
        case .kmsKeyId:
            return
                "(arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:((key/[a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)))|"
                + "([a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)"
        case .vpcResourceId: return "[-0-9a-zA-Z]+"
        case .tag: return #"[a-zA-Z0-9\s._:/=+@-]*"#
        case .idempotencyToken: return "[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?"
        case .customModelArn:
            return
                "arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model/(imported|"
                + "[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63})"
                + "{0,2})/[a-z0-9]{12}"
        case .inferenceProfileName: return "([0-9a-zA-Z][ _-]?)+"
        case .inferenceProfileDescription: return "([0-9a-zA-Z:.][ _-]?)+"
        case .inferenceProfileSourceArn:
            return
                "arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:(|[0-9a-z-]{0,20}):(|[0-9]{12}):(inference-profile|"
                + "foundation-model)/[a-zA-Z0-9-:.]+"
        case .singleLine: return ".*"
        }
    }

    /// What the pattern asks for, in words, for error messages.
    public var expectation: String {
        switch self {
        case .resourceName, .deploymentName:
            return "letters, digits, '-' and '_', starting with a letter or digit, with no two of '-' and '_' in a row"
        case .modelIdentifier:
            return
                "a foundation model id (provider.model-v1:0), a custom model name, or a foundation-model or "
                + "custom-model ARN"
        case .foundationModelId: return "a foundation model id such as amazon.titan-text-express-v1:0:8k"
        case .jobName: return "letters, digits, '+', '-' and '.', starting with a letter or digit"
        case .roleArn: return "an IAM role ARN (arn:aws:iam::123456789012:role/NAME)"
        case .s3Uri: return "an s3:// URI with a valid bucket name"
        case .kmsKeyId: return "a KMS key id, key ARN, alias (alias/NAME) or alias ARN"
        case .vpcResourceId: return "letters, digits and '-'"
        case .tag: return "letters, digits, spaces and . _ : / = + @ -"
        case .idempotencyToken: return "letters, digits and '-', starting and ending with a letter or digit"
        case .customModelArn:
            return "a custom model ARN (arn:aws:bedrock:REGION:ACCOUNT:custom-model/BASE-MODEL/ID or …/imported/ID)"
        case .inferenceProfileName:
            return "letters, digits, spaces, '-' and '_', starting with a letter or digit, none two in a row"
        case .inferenceProfileDescription:
            return "letters, digits, ':', '.', spaces, '-' and '_', with no two spaces, '-' or '_' in a row"
        case .inferenceProfileSourceArn:
            return "a foundation-model or inference-profile ARN (arn:aws:bedrock:REGION::foundation-model/ID)"
        case .singleLine: return "one line of text, without line breaks"
        }
    }

    /// True when the whole of `value` matches the pattern.
    public func matches(_ value: String) -> Bool {
        value.withUTF8Bytes { bytes in
            var c = ByteCursor(bytes)
            switch self {
            case .modelIdentifier: return Self.modelIdentifier(bytes)
            case .kmsKeyId: return Self.kmsKeyId(bytes)
            default: break
            }
            let ok: Bool
            switch self {
            case .resourceName: ok = Self.resourceName(&c)
            case .deploymentName: ok = Self.resourceName(&c) && c.bytes.count { CharClass.alnum($0) } <= 63
            case .foundationModelId: ok = Self.foundationModelId(&c)
            case .jobName: ok = Self.jobName(&c)
            case .roleArn: ok = Self.roleArn(&c)
            case .s3Uri: ok = Self.s3Uri(&c)
            case .modelIdentifier, .kmsKeyId: ok = false
            case .vpcResourceId: ok = c.run(CharClass.alnumDash) > 0
            case .tag: ok = Self.tag(&c)
            case .idempotencyToken: ok = Self.idempotencyToken(&c)
            case .customModelArn: ok = Self.customModelArn(&c)
            case .inferenceProfileName: ok = Self.nameWithSpaces(&c, first: CharClass.alnum)
            case .inferenceProfileDescription:
                ok = Self.nameWithSpaces(&c) {
                    CharClass.alnum($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".")
                }
            case .inferenceProfileSourceArn: ok = Self.inferenceProfileSourceArn(&c)
            case .singleLine: ok = Self.singleLine(&c)
            }
            return ok && c.atEnd
        }
    }

    // MARK: - Matchers

    /// `([0-9a-zA-Z][_-]?)+`
    static func resourceName(_ c: inout ByteCursor) -> Bool {
        guard c.one(CharClass.alnum) else { return false }
        while true {
            _ = c.one { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
            if !c.one(CharClass.alnum) { return true }
        }
    }

    /// `[a-zA-Z0-9](-*[a-zA-Z0-9\+\-\.])*`: the class after `-*` holds `-` itself, so after the
    /// first character any of `[a-zA-Z0-9+.-]` may follow.
    static func jobName(_ c: inout ByteCursor) -> Bool {
        guard c.one(CharClass.alnum) else { return false }
        c.run { CharClass.alnum($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        return true
    }

    /// `[a-zA-Z0-9\s._:/=+@-]*`
    static func tag(_ c: inout ByteCursor) -> Bool {
        c.run { b in
            CharClass.alnum(b) || CharClass.space(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
                || b == UInt8(ascii: ":")
                || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "@")
                || b == UInt8(ascii: "-")
        }
        return true
    }

    /// `[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}`
    static func foundationModelId(_ c: inout ByteCursor) -> Bool {
        guard (1...63).contains(c.run(CharClass.lowerAlnumDash)), c.take(".") else { return false }
        let second = c.run(CharClass.lowerAlnumDash)
        if c.take(".") {
            guard (1...63).contains(second), (1...63).contains(c.run(CharClass.lowerAlnumDash)) else { return false }
        } else {
            guard (2...126).contains(second) else { return false }
        }
        return colonSegments(&c, atMost: 2)
    }

    /// `([:][a-z0-9-]{1,63}){0,max}`
    static func colonSegments(_ c: inout ByteCursor, atMost max: Int) -> Bool {
        var count = 0
        while c.peek == UInt8(ascii: ":") {
            guard count < max else { return false }
            c.index += 1
            guard (1...63).contains(c.run(CharClass.lowerAlnumDash)) else { return false }
            count += 1
        }
        return true
    }

    /// `arn:aws(-[^:]+)?:`
    static func arnPartition(_ c: inout ByteCursor) -> Bool {
        guard c.take("arn:aws") else { return false }
        if c.take("-") {
            guard c.run({ $0 != UInt8(ascii: ":") }) > 0 else { return false }
        }
        return c.take(":")
    }

    static func modelIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var arn = ByteCursor(bytes)
        if bedrockModelArn(&arn) && arn.atEnd { return true }
        var fm = ByteCursor(bytes)
        if foundationModelId(&fm) && fm.atEnd { return true }
        var name = ByteCursor(bytes)
        return resourceName(&name) && name.atEnd
    }

    static func bedrockModelArn(_ c: inout ByteCursor) -> Bool {
        guard arnPartition(&c), c.take("bedrock:"), (1...20).contains(c.run(CharClass.lowerAlnumDash)), c.take(":")
        else { return false }
        if c.take(":foundation-model/") {
            return foundationModelId(&c)
        }
        guard c.run(CharClass.digit) == 12, c.take(":custom-model/") else { return false }
        let start = c.index
        let first = c.run(CharClass.lowerAlnumDash)
        if c.take(".") {
            guard (1...63).contains(first), (1...63).contains(c.run(CharClass.lowerAlnumDash)) else { return false }
        } else {
            guard first == 8, Array(c.bytes[start..<start + 8]) == Array("imported".utf8) else { return false }
        }
        guard colonSegments(&c, atMost: 2), c.take("/") else { return false }
        return c.run(CharClass.lowerAlnum) == 12
    }

    /// `arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+`
    static func roleArn(_ c: inout ByteCursor) -> Bool {
        guard arnPartition(&c), c.take("iam::") else { return false }
        let account = c.run(CharClass.digit)
        guard account == 0 || account == 12, c.take(":role/") else { return false }
        return c.run { $0 != 0x0A } > 0
    }

    /// `s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?`
    static func s3Uri(_ c: inout ByteCursor) -> Bool {
        guard c.take("s3://") else { return false }
        let start = c.index
        let bucket = c.run { CharClass.lowerAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        guard (3...63).contains(bucket),
            CharClass.lowerAlnum(c.bytes[start]), CharClass.lowerAlnum(c.bytes[start + bucket - 1])
        else { return false }
        let keyChar: (UInt8) -> Bool = { CharClass.alnum($0) || "-!_*'().".utf8.contains($0) }
        while c.take("/") {
            if c.atEnd { return true }
            guard c.run(keyChar) > 0 else { return false }
        }
        return true
    }

    static func kmsKeyId(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let aliasChar: (UInt8) -> Bool = {
            CharClass.alnumDash($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "/")
        }
        var arn = ByteCursor(bytes)
        if arnPartition(&arn), arn.take("kms:") {
            arn.run(CharClass.alnumDash)
            if arn.take(":"), arn.run(CharClass.digit) == 12, arn.take(":") {
                if arn.take("key/") {
                    if arn.run(CharClass.alnumDash) == 36, arn.atEnd { return true }
                } else if arn.take("alias/"), arn.run(aliasChar) > 0, arn.atEnd {
                    return true
                }
            }
        }
        var id = ByteCursor(bytes)
        if id.run(CharClass.alnumDash) == 36, id.atEnd { return true }
        var alias = ByteCursor(bytes)
        return alias.take("alias/") && alias.run(aliasChar) > 0 && alias.atEnd
    }

    /// `[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?`
    static func idempotencyToken(_ c: inout ByteCursor) -> Bool {
        let n = c.bytes.count
        guard n >= 1, n <= 256, CharClass.alnum(c.bytes[0]), CharClass.alnum(c.bytes[n - 1]) else { return false }
        return c.run(CharClass.alnumDash) == n
    }

    /// `([C][ _-]?)+` for a class C of characters.
    static func nameWithSpaces(_ c: inout ByteCursor, first: (UInt8) -> Bool) -> Bool {
        guard c.one(first) else { return false }
        while true {
            _ = c.one { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
            if !c.one(first) { return c.atEnd }
        }
    }

    /// `arn:aws(|-us-gov|-cn|-iso|-iso-b):`
    static func fixedPartition(_ c: inout ByteCursor) -> Bool {
        guard c.take("arn:aws") else { return false }
        if c.take(":") { return true }
        return (c.take("-us-gov:") || c.take("-cn:") || c.take("-iso-b:") || c.take("-iso:"))
    }

    /// The CustomModelArn pattern. After `custom-model/`, either `imported` or a model id whose
    /// runs of `[a-z0-9-]` between at most three dots obey the pattern's bounds, then up to two
    /// `:segment`s, then `/` and a 12-character id.
    static func customModelArn(_ c: inout ByteCursor) -> Bool {
        guard fixedPartition(&c), c.take("bedrock:"), (1...20).contains(c.run(CharClass.lowerAlnumDash)), c.take(":"),
            c.run(CharClass.digit) == 12, c.take(":custom-model/")
        else { return false }
        if !c.take("imported/") {
            guard (1...63).contains(c.run(CharClass.lowerAlnumDash)), c.take(".") else { return false }
            // `[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}`: runs split by up to two dots.
            var runs = [c.run(CharClass.lowerAlnumDash)]
            while runs.count <= 3, c.take(".") { runs.append(c.run(CharClass.lowerAlnumDash)) }
            // One run is `BD` (2 to 126); with dots, the first is `BC` (2 to 126), the others 1 to 63.
            guard runs.count <= 3, (2...126).contains(runs[0]), runs.dropFirst().allSatisfy({ (1...63).contains($0) })
            else { return false }
            guard colonSegments(&c, atMost: 2), c.take("/") else { return false }
        }
        return c.run(CharClass.lowerAlnum) == 12
    }

    /// `arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:(|[0-9a-z-]{0,20}):(|[0-9]{12}):`
    /// `(inference-profile|foundation-model)/[a-zA-Z0-9-:.]+`
    static func inferenceProfileSourceArn(_ c: inout ByteCursor) -> Bool {
        guard fixedPartition(&c), c.take("bedrock:"), c.run(CharClass.lowerAlnumDash) <= 20, c.take(":") else {
            return false
        }
        let account = c.run(CharClass.digit)
        guard account == 0 || account == 12, c.take(":"),
            c.take("inference-profile/") || c.take("foundation-model/")
        else { return false }
        return c.run { CharClass.alnumDash($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") } > 0
    }

    /// `.*`: any characters but a line feed (as Python's `re`, the test's oracle, reads `.`).
    static func singleLine(_ c: inout ByteCursor) -> Bool {
        c.run { $0 != 0x0A }
        return true
    }
}
