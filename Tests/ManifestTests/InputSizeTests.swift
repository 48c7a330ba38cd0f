import Foundation
import Testing
import YAML

@testable import Manifest

/// The size limit holds before a byte is read: a huge file or stream is refused in bounded time
/// and memory, and long lines are cut around the caret.
@Suite struct InputSizeTests {
    static func temporaryFile(size: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).yaml").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(size))  // a sparse file: its size, no bytes written
        try handle.close()
        return path
    }

    @Test func aFileOverTheLimitIsRefusedFromItsSizeWithoutReadingIt() throws {
        let path = try Self.temporaryFile(size: 1 << 30)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inputs = try ManifestFiles.collect([path], maxBytes: 16 << 20, readStandardInput: { _ in [] })
        #expect(inputs.count == 1 && inputs[0].bytes.isEmpty)
        #expect(inputs[0].tooLarge == ManifestInput.TooLarge(size: 1 << 30, limit: 16 << 20))
        let set = ManifestLoader.load(inputs)
        #expect(
            set.diagnostics.map(\.description) == [
                "\(path):1:1: error: file is 1073741824 bytes, over the limit of 16777216 bytes "
                    + "(raise it with --max-file-size)"
            ])
    }

    @Test func standardInputIsReadOnlyUpToTheLimit() throws {
        let asked = LockedInt()
        let inputs = try ManifestFiles.collect(
            ["-"], maxBytes: 100,
            readStandardInput: { limit in
                asked.value = limit
                return Array(repeating: UInt8(ascii: "a"), count: limit)
            })
        #expect(asked.value == 101, "one byte past the limit tells a stream that is too long")
        #expect(inputs[0].tooLarge == ManifestInput.TooLarge(size: nil, limit: 100))
        #expect(
            ManifestLoader.load(inputs).diagnostics.first?.message
                == "file is more than 100 bytes, over the limit of 100 bytes (raise it with --max-file-size)")
    }

    @Test func aStreamThatNeverEndsIsCutAtTheLimit() throws {
        // /dev/zero reports size 0 and never ends: the read must stop at the limit.
        let input = try ManifestFiles.collect(["/dev/zero"], maxBytes: 1 << 20, readStandardInput: { _ in [] })
        #expect(input[0].tooLarge == ManifestInput.TooLarge(size: nil, limit: 1 << 20))
    }

    @Test func aFileWithinTheLimitIsReadWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ok-\(UUID().uuidString).yaml").path
        try "a: 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inputs = try ManifestFiles.collect([path], maxBytes: 5, readStandardInput: { _ in [] })
        #expect(inputs[0].bytes == Array("a: 1\n".utf8) && inputs[0].tooLarge == nil)
    }

    @Test func aLongSourceLineIsShownAsAWindowAroundTheCaret() {
        let value = String(repeating: "x", count: 100_000)
        let text =
            "apiVersion: bedrockctl/v1\nkind: ProvisionedThroughput\nmetadata: {name: a}\n"
            + "spec: {modelUnits: 1, \(value): 2}\n"
        let set = ManifestLoader.load([ManifestInput(path: "m.yaml", bytes: Array(text.utf8))])
        let rendered = DiagnosticFormatter.text(set.diagnostics, inputs: set.inputs)
        #expect(!set.diagnostics.isEmpty)
        #expect(rendered.count < 4000 * set.diagnostics.count, "\(rendered.count) characters")
        for block in rendered.split(separator: "\n") { #expect(block.count < 1200) }
    }

    @Test func theCaretStillPointsAtTheColumnInsideAWindow() {
        let line = String(repeating: "a", count: 1000) + "X" + String(repeating: "b", count: 1000)
        let (shown, column) = DiagnosticFormatter.excerpt(line, column: 1001)
        #expect(shown.count <= DiagnosticFormatter.maxShownLine + 2)
        #expect(Array(shown.unicodeScalars)[column - 1] == "X")
    }
}

final class LockedInt: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0
    var value: Int {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
