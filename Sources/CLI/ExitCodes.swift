import ArgumentParser

/// bedrockctl's fixed exit codes.
public enum ExitCodes {
    /// Success; for `plan`, no changes.
    public static let ok: Int32 = 0
    /// An error, or invalid manifests.
    public static let failure: Int32 = 1
    /// `plan --detailed-exitcode`: changes are present.
    public static let changes: Int32 = 2
    /// The command line was wrong (EX_USAGE).
    public static let usage: Int32 = 64
}

extension ExitCode {
    static let usageError = ExitCode(ExitCodes.usage)
}
