import ArgumentParser
import YAML

/// Options that raise the YAML safety limits for unusually large manifest sets.
struct ParserLimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Largest manifest file accepted, in bytes.", valueName: "bytes"))
    var maxFileSize: Int = ParserLimits.default.maxInputBytes

    var parserLimits: ParserLimits {
        var limits = ParserLimits.default
        limits.maxInputBytes = maxFileSize
        return limits
    }

    func validate() throws {
        if maxFileSize < 1 { throw ValidationError("--max-file-size must be at least 1 byte") }
    }
}
