import Foundation
import TestSupport
import Testing

/// The tests' temporary files: one folder per test process; the folder of a process that is gone
/// is swept by the next, that of a live one is kept.
@Suite struct TemporaryFilesTests {
    @Test func foldersOfGoneProcessesAreSweptAndLiveOnesKept() throws {
        let system = TemporaryFiles.path("sweep")
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = system + "/" + TemporaryFiles.prefix + String(gone.processIdentifier)
        let live = system + "/" + TemporaryFiles.prefix + String(getpid())
        let other = system + "/unrelated-\(gone.processIdentifier)"
        for folder in [dead, live, other] {
            try FileManager.default.createDirectory(atPath: folder + "/inner", withIntermediateDirectories: true)
        }
        TemporaryFiles.sweep(system)
        #expect(!FileManager.default.fileExists(atPath: dead), "the folder of a process that is gone")
        #expect(FileManager.default.fileExists(atPath: live) && FileManager.default.fileExists(atPath: other))
        #expect(TemporaryFiles.path("x").hasPrefix(TemporaryFiles.root + "/x-"))
        #expect(TemporaryFiles.root.hasSuffix("/" + TemporaryFiles.prefix + String(getpid())))
    }
}
