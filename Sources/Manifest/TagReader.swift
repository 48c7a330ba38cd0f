import BedrockConstraints
import YAML

/// Reads and checks a `tags`-style mapping of string keys to string values.
enum TagReader {
    /// Checks keys and values against TagKey and TagValue, the `aws:` and `bedrockctl:` reserved
    /// prefixes, and the per-resource quota less the ownership tags bedrockctl adds.
    static func read(_ reader: MappingReader, _ key: String, log: inout DiagnosticLog) -> [String: String] {
        guard let tags = reader.mapping(key, fields: nil, required: false, log: &log) else { return [:] }
        var result: [String: String] = Dictionary(minimumCapacity: tags.pairs.count)
        let quota = ManifestRules.maxTags
        if tags.pairs.count > quota {
            log.error(
                "\(tags.path): \(tags.pairs.count) tags, over the limit of \(quota) (Bedrock allows "
                    + "\(BedrockLimits.maxTagsPerResource) a resource and bedrockctl adds "
                    + "\(OwnershipTags.all.count) ownership tags)",
                at: tags.node.mark)
        }
        for pair in tags.pairs {
            guard let tagKey = pair.key.scalarText else { continue }
            func keyPath() -> String { "\(tags.path).\(tagKey)" }
            var ok = MappingReader.check(
                tagKey, ManifestRules.tagKey, path: "\(tags.path) key", at: pair.key.mark, log: &log)
            if hasPrefixIgnoringCase(tagKey, BedrockLimits.reservedTagPrefix) {
                log.error(
                    "\(keyPath()): tag keys starting with '\(BedrockLimits.reservedTagPrefix)' are reserved by AWS",
                    at: pair.key.mark)
                ok = false
            } else if hasPrefixIgnoringCase(tagKey, OwnershipTags.prefix) {
                log.error(
                    "\(keyPath()): tag keys starting with '\(OwnershipTags.prefix)' are reserved for "
                        + "bedrockctl's ownership tags",
                    at: pair.key.mark)
                ok = false
            }
            // Tag values are strings to AWS: a plain scalar's text is taken exactly as written
            // (`1234`, `007`, `true`); only null and collections are refused.
            guard let value = Self.text(pair.value, path: keyPath(), log: &log) else { continue }
            if MappingReader.check(value, ManifestRules.tagValue, path: keyPath(), at: pair.value.mark, log: &log), ok {
                result[tagKey] = value
            }
        }
        return result
    }

    /// A tag value's text: any scalar but null, as written.
    static func text(_ node: Node, path: @autoclosure () -> String, log: inout DiagnosticLog) -> String? {
        switch node.scalarValue {
        case .string(let text)?: return text
        case .bool?, .int?: return node.scalarText
        case .null?, nil:
            log.error("\(path()): expected a tag value (a string), got \(node.kindDescription)", at: node.mark)
            return nil
        }
    }

    /// ASCII case-insensitive prefix test (the reserved prefixes are ASCII).
    static func hasPrefixIgnoringCase(_ text: String, _ prefix: String) -> Bool {
        var iterator = text.utf8.makeIterator()
        for p in prefix.utf8 {
            guard let b = iterator.next(), b | 0x20 == p | 0x20 else { return false }
        }
        return true
    }
}
