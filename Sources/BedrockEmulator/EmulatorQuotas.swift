import BedrockConstraints

/// The quotas the emulator serves through Service Quotas: the catalogue's (`ModelUnitQuota.all`),
/// under the names and codes AWS publishes. A quota whose code AWS does not publish is served
/// under one derived from its name (`L-` and 8 hex digits), stable across runs; bedrockctl finds
/// quotas by name, so a real account's own code works the same.
enum EmulatorQuotas {
    static func code(of quota: ModelUnitQuota) -> String { quota.code ?? derivedCode(quota.name) }

    static func quota(code: String) -> ModelUnitQuota? { ModelUnitQuota.all.first { Self.code(of: $0) == code } }

    /// `L-` and the FNV-1a (32 bits) of the name in 8 hex digits.
    static func derivedCode(_ name: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16, uppercase: true)
        return "L-" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
