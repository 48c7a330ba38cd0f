import AWSClient
import Foundation

/// The Price List rows a plan has read, kept on disk so that the next plans ask again only once
/// a day (prices change rarely; each row keeps the date AWS published it). One JSON file, written
/// whole and atomically; one that cannot be read is taken as empty and written afresh.
public struct PriceCache: Sendable {
    public var file: URL
    /// How long rows are used before they are asked for again.
    public var maxAge: TimeInterval
    public var clock: AWSClock

    public init(file: URL, maxAge: TimeInterval = 24 * 3600, clock: AWSClock = .live) {
        self.file = file
        self.maxAge = maxAge
        self.clock = clock
    }

    struct Entry: Codable, Sendable {
        var fetchedAt: Date
        var rows: [PriceRow]
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    struct Contents: Codable, Sendable {
        var formatVersion = 1
        var entries: [String: Entry] = [:]
    }

    /// The file for the environment: `$BEDROCKCTL_CACHE_DIR/prices.json`, else
    /// `$XDG_CACHE_HOME/bedrockctl/prices.json`, else `~/.cache/bedrockctl/prices.json`.
    public static func defaultFile(environment: [String: String]) -> URL? {
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let folder: URL
        if let dir = env("BEDROCKCTL_CACHE_DIR") {
            folder = URL(fileURLWithPath: dir)
        } else if let xdg = env("XDG_CACHE_HOME") {
            folder = URL(fileURLWithPath: xdg).appendingPathComponent("bedrockctl")
        } else if let home = env("HOME") {
            folder = URL(fileURLWithPath: home).appendingPathComponent(".cache/bedrockctl")
        } else {
            return nil
        }
        return folder.appendingPathComponent("prices.json")
    }

    func read() -> Contents {
        guard let data = try? Data(contentsOf: file),
            let contents = try? Self.decoder.decode(Contents.self, from: data), contents.formatVersion == 1
        else { return Contents() }
        return contents
    }

    /// The rows kept under `key`, unless older than `maxAge` (or from the future).
    public func rows(_ key: String) -> [PriceRow]? {
        guard let entry = read().entries[key] else { return nil }
        let age = clock.now().timeIntervalSince(entry.fetchedAt)
        return age >= 0 && age < maxAge ? entry.rows : nil
    }

    /// Keeps `rows` under their keys, read now; the error when the file cannot be written.
    public func store(_ rows: [String: [PriceRow]]) -> (any Error)? {
        guard !rows.isEmpty else { return nil }
        var contents = read()
        let now = clock.now()
        for (key, value) in rows { contents.entries[key] = Entry(fetchedAt: now, rows: value) }
        contents.entries = contents.entries.filter { now.timeIntervalSince($0.value.fetchedAt) < 30 * 24 * 3600 }
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.encoder.encode(contents).write(to: file, options: .atomic)
            return nil
        } catch {
            return error
        }
    }
}
