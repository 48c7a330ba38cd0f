#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stops the run with `message` when a property that must hold for every input does not: the
/// fuzzer then saves the input like any other crash.
public func expect(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    guard !condition() else { return }
    fatalError("fuzz property violated: \(message())", file: file, line: line)
}

/// Set `FUZZ_TRACE=1` when replaying an input to see what a target did with it.
private let tracing = getenv("FUZZ_TRACE") != nil

public func trace(_ message: @autoclosure () -> String) {
    guard tracing else { return }
    fputs("trace: \(message())\n", stderr)
}
