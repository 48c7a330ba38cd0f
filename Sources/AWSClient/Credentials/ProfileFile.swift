import Foundation

/// The shared AWS config and credentials files, parsed: sections of `key = value` lines.
///
/// In the config file a profile is `[profile NAME]` (or `[default]`); in the credentials file it
/// is `[NAME]`. Where both name a key, the credentials file wins, as in every AWS SDK.
public struct ProfileFile: Sendable, Hashable {
    public var profiles: [String: [String: String]]

    public init(profiles: [String: [String: String]] = [:]) { self.profiles = profiles }

    /// Parses INI text; `isConfig` selects the `[profile NAME]` convention.
    public static func parse(_ text: String, isConfig: Bool) -> ProfileFile {
        var profiles: [String: [String: String]] = [:]
        var current: String?
        var lastKey: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            if let hash = line.firstIndex(where: { $0 == "#" || $0 == ";" }),
                line[..<hash].allSatisfy(\.isWhitespace) || line[line.index(before: hash)].isWhitespace
            {
                line = String(line[..<hash])
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
                var name = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                if isConfig {
                    if name.hasPrefix("profile ") {
                        name = String(name.dropFirst("profile ".count)).trimmingCharacters(in: .whitespaces)
                    } else if name != "default" {
                        current = nil
                        continue
                    }
                }
                current = name
                lastKey = nil
                if profiles[name] == nil { profiles[name] = [:] }
                continue
            }
            guard let profile = current else { continue }
            if line.first?.isWhitespace == true, let key = lastKey, !trimmed.contains("=") {
                profiles[profile]?[key, default: ""] += "\n" + trimmed  // a continuation line
                continue
            }
            guard let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            profiles[profile]?[key] = value
            lastKey = key
        }
        return ProfileFile(profiles: profiles)
    }
}

/// Both shared files, found the way the SDKs find them.
public struct SharedConfigFiles: Sendable, Hashable {
    public var config: ProfileFile
    public var credentials: ProfileFile
    public var configPath: String
    public var credentialsPath: String

    /// Reads `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and
    /// `~/.aws/credentials`; a missing file is an empty one.
    public static func load(environment: [String: String]) -> SharedConfigFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func expand(_ path: String) -> String { path.hasPrefix("~/") ? home + path.dropFirst(1) : path }
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return SharedConfigFiles(
            config: .parse(read(configPath), isConfig: true),
            credentials: .parse(read(credentialsPath), isConfig: false),
            configPath: configPath, credentialsPath: credentialsPath)
    }

    /// The merged settings of `name`, nil when neither file has the profile.
    public func profile(_ name: String) -> [String: String]? {
        let fromConfig = config.profiles[name]
        let fromCredentials = credentials.profiles[name]
        if fromConfig == nil && fromCredentials == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentialsValue in credentialsValue }
    }
}
