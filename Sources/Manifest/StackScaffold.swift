import Foundation

/// What `bedrockctl init` writes into a folder to start a stack: a `kind: Stack` document, a
/// commented Provisioned Throughput and Custom Model Import to edit, and the GitHub Actions
/// workflow. The manifests validate as written and plan against the sandbox (`--sandbox`).
public struct StackScaffold: Sendable {
    public struct File: Sendable, Hashable {
        /// Relative to the stack's folder.
        public var path: String
        public var text: String
    }

    public var stack: String
    public var files: [File]

    /// The files for `stack`, which must be a valid `kind: Stack` name; the workflow installs
    /// bedrockctl with `action` (`OWNER/REPO@REF`).
    public init(stack: String, action: String = WorkflowTemplate.defaultAction) throws(StackScaffoldError) {
        if let violation = StackDeclaration.nameConstraint.check(stack) {
            throw .invalidStackName(stack, reason: violation.description)
        }
        if !WorkflowTemplate.isActionReference(action) { throw .invalidAction(action) }
        self.stack = stack
        files = [
            File(path: "stack.yaml", text: ScaffoldTemplates.stack(stack)),
            File(path: "throughput.yaml", text: ScaffoldTemplates.throughput),
            File(path: "model-import.yaml", text: ScaffoldTemplates.modelImport),
            File(path: "deployment.yaml", text: ScaffoldTemplates.deployment),
            File(path: "inference-profile.yaml", text: ScaffoldTemplates.inferenceProfile),
            File(path: WorkflowTemplate.path, text: WorkflowTemplate.text(stack: stack, action: action)),
        ]
    }

    /// The stack `init` names for `directory` without `--stack`: the folder's name, as `plan`
    /// takes it when no `kind: Stack` document names one.
    public static func stackName(forDirectory directory: String) -> String {
        StackDeclaration.name(forFolder: URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent)
    }

    /// Writes the files into `directory` (created when missing) and returns their paths. When any
    /// of them exists, or a write fails, nothing is left written.
    public func write(into directory: String) throws(StackScaffoldError) -> [String] {
        let paths = files.map { (directory.hasSuffix("/") ? directory : directory + "/") + $0.path }
        let existing = paths.filter { path in
            var info = stat()
            return lstat(path, &info) == 0
        }
        if !existing.isEmpty { throw .filesExist(existing) }
        var created: [String] = []
        var folders: [String] = []
        do {
            for (file, path) in zip(files, paths) {
                folders += try Self.makeFolders(for: path)
                try Self.create(path, file.text)
                created.append(path)
            }
        } catch {
            for path in created.reversed() { unlink(path) }
            for folder in folders.reversed() { rmdir(folder) }
            throw error
        }
        return paths
    }

    /// The folder above `path` as written: "" above a name alone, "/" above a top-level one.
    /// (Not NSString's `deletingLastPathComponent`, which crashed on Linux for a relative path
    /// of one character, such as `init a`.)
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let head = trimmed[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    /// Creates the missing folders above `path`; returns them, outermost first.
    private static func makeFolders(for path: String) throws(StackScaffoldError) -> [String] {
        var missing: [String] = []
        var folder = parent(of: path)
        var isDirectory: ObjCBool = false
        while !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            missing.append(folder)
            folder = parent(of: folder)
        }
        if !folder.isEmpty, !isDirectory.boolValue {
            throw .writeFailed(path: folder, reason: "not a folder")
        }
        var made: [String] = []
        for folder in missing.reversed() {
            guard mkdir(folder, 0o755) == 0 else {
                let reason = String(cString: strerror(errno))
                for folder in made.reversed() { rmdir(folder) }
                throw .writeFailed(path: folder, reason: reason)
            }
            made.append(folder)
        }
        return made
    }

    /// Writes a new file; never replaces one that appeared meanwhile.
    private static func create(_ path: String, _ text: String) throws(StackScaffoldError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        do {
            try FileHandle(fileDescriptor: fd, closeOnDealloc: false).write(contentsOf: Data(text.utf8))
        } catch {
            unlink(path)
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }
}
