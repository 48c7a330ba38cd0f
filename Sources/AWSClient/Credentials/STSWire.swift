import Foundation

/// STS's query-protocol answers, in one place for both ends: the client reads them, the emulator
/// writes them. An answer is `<ActionResponse>` holding `<ActionResult>` and the request id; an
/// error is `<ErrorResponse>` holding `<Error>` (Type, Code, Message). STS's answers are flat
/// enough that the first element of a name is the one meant.
public enum STSWire {
    public static let namespace = "https://sts.amazonaws.com/doc/2011-06-15/"
    public static let version = "2011-06-15"

    /// The answer to `action`: its result's fields in order, each escaped.
    public static func answer(
        _ action: String, result fields: [(name: String, value: String)], requestId: String
    )
        -> String
    {
        let result = fields.map { "<\($0.name)>\(escaped($0.value))</\($0.name)>" }.joined()
        return "<\(action)Response xmlns=\"\(namespace)\"><\(action)Result>\(result)</\(action)Result>"
            + "<ResponseMetadata><RequestId>\(escaped(requestId))</RequestId></ResponseMetadata></\(action)Response>"
    }

    /// An error answer: `Sender` for the caller's faults (4xx), `Receiver` for the service's.
    public static func error(status: Int, code: String, message: String, requestId: String) -> String {
        let type = status >= 500 ? "Receiver" : "Sender"
        return "<ErrorResponse xmlns=\"\(namespace)\"><Error><Type>\(type)</Type><Code>\(escaped(code))</Code>"
            + "<Message>\(escaped(message))</Message></Error>"
            + "<RequestId>\(escaped(requestId))</RequestId></ErrorResponse>"
    }

    /// The text of the first `<name>…</name>` element, unescaped.
    public static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension CallerIdentity {
    /// GetCallerIdentityResult's fields, in the order STS writes them.
    public var resultFields: [(name: String, value: String)] {
        [("Arn", arn), ("UserId", userId), ("Account", account)]
    }

    /// Reads a GetCallerIdentity answer; nil when it names no account or ARN.
    public init?(answer xml: String) {
        guard let account = STSWire.element("Account", in: xml), let arn = STSWire.element("Arn", in: xml) else {
            return nil
        }
        self.init(account: account, arn: arn, userId: STSWire.element("UserId", in: xml) ?? "")
    }
}
