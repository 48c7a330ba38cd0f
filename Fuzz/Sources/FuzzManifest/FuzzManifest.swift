import FuzzCommon
import Manifest
import YAML

/// The bytes as a manifest file: parsed by the strict YAML parser (every node visited), then
/// loaded, decoded and validated as `bedrockctl validate` does, and the diagnostics rendered in
/// each format (the text one indexes into the source for its caret line); then loaded again
/// under tight parser limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    let stream = YAMLParser.parse(bytes, file: "fuzz.yaml")
    var budget = 20_000
    for document in stream.documents { visit(document.root, budget: &budget) }
    for error in stream.errors { _ = error.description }

    let set = ManifestLoader.load([ManifestInput(path: "fuzz.yaml", bytes: bytes)], pipelined: false)
    for diagnostic in set.diagnostics {
        expect(
            diagnostic.mark.line >= 0 && diagnostic.mark.column >= 0,
            "diagnostic at a negative position: \(diagnostic.mark)")
    }
    _ = DiagnosticFormatter.text(set.diagnostics, inputs: set.inputs)
    _ = DiagnosticFormatter.json(set.diagnostics, summary: ValidationSummary(set))
    _ = DiagnosticFormatter.github(set.diagnostics)
    _ = ValidationSummary(set).line

    // Again under tight limits, so that inputs of a few hundred bytes reach the limit checks
    // and the partial trees and diagnostics left when parsing stops at one.
    let tight = ManifestLoader.load(
        [ManifestInput(path: "fuzz.yaml", bytes: bytes)], limits: tightLimits, pipelined: false)
    _ = DiagnosticFormatter.text(tight.diagnostics, inputs: tight.inputs)
    return 0
}

private let tightLimits = ParserLimits(maxInputBytes: 8192, maxAliasExpandedNodes: 64, maxDepth: 8)

/// Reads every accessor of every node, up to `budget` nodes (aliases make a tree a DAG, so a
/// small file can stand for many nodes).
private func visit(_ node: Node, budget: inout Int) {
    guard budget > 0 else { return }
    budget -= 1
    _ = (
        node.kind, node.mark, node.tag, node.style, node.isNull, node.kindDescription, node.scalarValue, node.scalarText
    )
    switch node.content {
    case .scalar(let text, _):
        _ = node.scalarEquals(text)
    case .sequence(let items):
        for item in items { visit(item, budget: &budget) }
    case .mapping(let pairs):
        _ = (node.value(forKey: "kind"), node.value(forKey: "spec"))
        for pair in pairs {
            visit(pair.key, budget: &budget)
            visit(pair.value, budget: &budget)
        }
    }
}
