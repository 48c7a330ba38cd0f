import BedrockEmulator
import SigV4

/// Reads fuzz bytes as HTTP-shaped requests, so that seeds are readable and mutations land on
/// the parts a server sees:
///
///     METHOD TARGET            (the target is `path?query`, split as the emulator splits it)
///     Name: value              (any number of header lines; a trailing \r is dropped)
///
///     body                     (everything after the first empty line)
public enum HTTPText {
    /// Separates requests when one input holds several.
    public static let requestSeparator = Array("\n===\n".utf8)

    public static func request<C: Collection>(_ bytes: C) -> SigningRequest where C.Element == UInt8 {
        let all = Array(bytes.drop { $0 == UInt8(ascii: "\n") })[...]
        let (head, body) = splitOnce(all, on: [0x0A, 0x0A]) ?? (all, ArraySlice<UInt8>())
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        let requestLine = lines.isEmpty ? ArraySlice<UInt8>() : lines.removeFirst()
        let method: String
        let target: String
        if let space = requestLine.firstIndex(of: UInt8(ascii: " ")) {
            method = text(requestLine[..<space])
            target = text(requestLine[(space + 1)...])
        } else {
            method = text(requestLine)
            target = "/"
        }
        let headers = lines.map { line -> (name: String, value: String) in
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return (text(line), "") }
            return (text(line[..<colon]), text(line[(colon + 1)...].drop { $0 == UInt8(ascii: " ") }))
        }
        let (path, query) = SigningRequest.splitTarget(target)
        return SigningRequest(method: method, path: path, query: query, headers: headers, body: Array(body))
    }

    /// `bytes` split on every `separator`, at most `limit` pieces (the last one keeps the rest).
    public static func split(_ bytes: ArraySlice<UInt8>, on separator: [UInt8], limit: Int) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var rest = bytes
        while pieces.count < limit - 1, let (piece, after) = splitOnce(rest, on: separator) {
            pieces.append(piece)
            rest = after
        }
        pieces.append(rest)
        return pieces
    }

    static func splitOnce(_ bytes: ArraySlice<UInt8>, on separator: [UInt8]) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)?
    {
        guard !separator.isEmpty, bytes.count >= separator.count else { return nil }
        var i = bytes.startIndex
        while i + separator.count <= bytes.endIndex {
            if bytes[i..<(i + separator.count)].elementsEqual(separator) {
                return (bytes[..<i], bytes[(i + separator.count)...])
            }
            i += 1
        }
        return nil
    }

    static func text(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// True when `name` is an RFC 9110 token, the only header names a real client sends.
    public static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                    || Array("!#$%&'*+-.^_`|~".utf8).contains(b)
            }
    }
}
