import Foundation

/// Where tests write files and folders: one folder for the test process, removed when the
/// process exits, so that test runs leave nothing behind in the system's temporary directory.
public enum TemporaryFiles {
    /// The process's folder, made on first use.
    public static let root: String = {
        let system = FileManager.default.temporaryDirectory.path
        sweep(system)
        let path = system + "/\(prefix)\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { TemporaryFiles.removeAll() }
        return path
    }()

    public static let prefix = "bedrockctl-tests-"

    /// Removes the folders of test processes that are gone without removing theirs (killed, or
    /// crashed).
    public static func sweep(_ system: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: system)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: system + "/" + name)
        }
    }

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
