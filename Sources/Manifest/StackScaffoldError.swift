/// Why `bedrockctl init` wrote nothing.
public enum StackScaffoldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stack name does not fit a `kind: Stack` document's `metadata.name`.
    case invalidStackName(String, reason: String)
    /// `--action` is not a GitHub Action reference (`OWNER/REPO@REF` or `OWNER/REPO/PATH@REF`).
    case invalidAction(String)
    /// Files `init` would write exist already (paths as given); it never overwrites one.
    case filesExist([String])
    /// A file or folder could not be written; what was written before it was removed again.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidStackName(let name, let reason):
            return "stack name \"\(name)\" \(reason): a stack name takes letters, digits and '-', up to 128 "
                + "characters; choose one with --stack"
        case .invalidAction(let action):
            return "--action \"\(action)\" is not a GitHub Action reference: give OWNER/REPO@REF, "
                + "such as \(WorkflowTemplate.defaultAction)"
        case .filesExist(let paths):
            return "not overwriting what exists: \(paths.joined(separator: ", ")); nothing was written"
        case .writeFailed(let path, let reason):
            return "\(path) could not be written (\(reason)); nothing was written"
        }
    }
}
