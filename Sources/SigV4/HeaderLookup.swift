/// Case-insensitive header lookup over the ordered header lists every request and response
/// type here carries.
public enum HeaderLookup {
    /// The first value of header `name`, matched case-insensitively.
    public static func value(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}
