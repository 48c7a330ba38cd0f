import Foundation

/// A path the user named that cannot be read as manifests.
public struct ManifestFilesError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// Expands the paths given on the command line into manifest inputs: files as named, directories
/// searched recursively for `*.yaml` and `*.yml` in sorted order, `-` for standard input.
public enum ManifestFiles {
    public static let extensions: Set<String> = ["yaml", "yml"]

    public static func collect(_ paths: [String], readStandardInput: () -> [UInt8]) throws(ManifestFilesError) -> [ManifestInput] {
        var inputs: [ManifestInput] = []
        var seen: Set<String> = []
        for path in paths {
            if path == "-" {
                inputs.append(ManifestInput(path: "<stdin>", bytes: readStandardInput()))
                continue
            }
            for file in try expand(path) where seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ManifestFilesError(path: file, reason: "cannot be read")
                }
                inputs.append(ManifestInput(path: file, bytes: Array(data)))
            }
        }
        return inputs
    }

    private static func expand(_ path: String) throws(ManifestFilesError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ManifestFilesError(path: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw ManifestFilesError(path: path, reason: "directory cannot be read")
        }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            guard extensions.contains((relative as NSString).pathExtension.lowercased()) else { continue }
            let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                files.append(full)
            }
        }
        if files.isEmpty {
            throw ManifestFilesError(path: path, reason: "directory holds no *.yaml or *.yml files")
        }
        return files.sorted()
    }
}
