import Foundation

/// Where tests write files and folders: one folder for the test process, removed when the
/// process exits, so that test runs leave nothing behind in the system's temporary directory.
public enum TemporaryFiles {
    /// The process's folder, made on first use.
    public static let root: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bedrockctl-tests-\(getpid())")
            .path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { TemporaryFiles.removeAll() }
        return path
    }()

    /// A fresh path in the process's folder, `PREFIX-UUID` and `suffix`; nothing is made there.
    public static func path(_ prefix: String, suffix: String = "") -> String {
        root + "/\(prefix)-\(UUID().uuidString)\(suffix)"
    }

    /// `path(_:suffix:)` as a file URL.
    public static func url(_ prefix: String, suffix: String = "") -> URL {
        URL(fileURLWithPath: path(prefix, suffix: suffix))
    }

    /// Removes the process's folder and everything in it.
    public static func removeAll() { try? FileManager.default.removeItem(atPath: root) }
}
