import Foundation
import YAML

/// A path the user named that cannot be read as manifests.
public struct ManifestFilesError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// Expands the paths given on the command line into manifest inputs: files as named, directories
/// searched recursively for `*.yaml` and `*.yml` in sorted order (hidden files and folders left
/// out), `-` for standard input.
public enum ManifestFiles {
    public static let extensions: Set<String> = ["yaml", "yml"]

    /// Reads every manifest named. A file larger than `maxBytes` is not read at all (its size is
    /// checked first), and standard input is read only up to `maxBytes + 1` bytes
    /// (`readStandardInput` is given that cap): either comes back as an input that is
    /// `tooLarge`, which loading reports at its line 1, in bounded time and memory.
    public static func collect(
        _ paths: [String], maxBytes: Int = ParserLimits.default.maxInputBytes,
        readStandardInput: (Int) -> [UInt8]
    ) throws(ManifestFilesError) -> [ManifestInput] {
        var inputs: [ManifestInput] = []
        var seen: Set<String> = []
        let cap = maxBytes < Int.max ? maxBytes + 1 : maxBytes
        for path in paths {
            if path == "-" {
                let bytes = readStandardInput(cap)
                inputs.append(
                    bytes.count > maxBytes
                        ? ManifestInput(path: "<stdin>", bytes: [], tooLarge: .init(size: nil, limit: maxBytes))
                        : ManifestInput(path: "<stdin>", bytes: bytes))
                continue
            }
            for file in try expand(path) where seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted
            {
                inputs.append(try read(file, maxBytes: maxBytes))
            }
        }
        return inputs
    }

    /// One file, its size checked before a byte is read; never more than `maxBytes + 1` read,
    /// even from a file that grows or lies about its size (a FIFO, /dev/zero).
    static func read(_ file: String, maxBytes: Int) throws(ManifestFilesError) -> ManifestInput {
        var info = stat()
        guard stat(file, &info) == 0 else { throw ManifestFilesError(path: file, reason: "cannot be read") }
        let declared = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG && declared > maxBytes {
            return ManifestInput(path: file, bytes: [], tooLarge: .init(size: declared, limit: maxBytes))
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw ManifestFilesError(path: file, reason: "cannot be read")
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while bytes.count <= maxBytes {
            let want = min(1 << 20, maxBytes + 1 - bytes.count)
            guard let chunk = try? handle.read(upToCount: want), !chunk.isEmpty else { break }
            bytes.append(contentsOf: chunk)
        }
        if bytes.count > maxBytes {
            return ManifestInput(path: file, bytes: [], tooLarge: .init(size: nil, limit: maxBytes))
        }
        return ManifestInput(path: file, bytes: bytes)
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
            // Hidden files and folders (`.github`, `.bedrockctl`) are not manifests: a workflow
            // beside the manifests is not read as one.
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
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
