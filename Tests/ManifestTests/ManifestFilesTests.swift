import Foundation
import Manifest
import Testing

/// Which files a directory of manifests is read from.
@Suite struct ManifestFilesTests {
    @Test func hiddenFilesAndFoldersAreNotManifests() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bedrockctl-\(UUID().uuidString)")
        let files = [
            "a.yaml", "nested/b.yml", ".github/workflows/bedrockctl.yml", ".hidden.yaml", "nested/.cache/c.yaml",
        ]
        for file in files {
            let url = dir.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x: 1\n".utf8).write(to: url)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = try ManifestFiles.collect([dir.path], readStandardInput: { _ in [] })
        #expect(inputs.map(\.path) == [dir.path + "/a.yaml", dir.path + "/nested/b.yml"])
        // A hidden file named on the command line is read as named.
        let named = try ManifestFiles.collect([dir.path + "/.hidden.yaml"], readStandardInput: { _ in [] })
        #expect(named.map(\.path) == [dir.path + "/.hidden.yaml"])
    }
}
