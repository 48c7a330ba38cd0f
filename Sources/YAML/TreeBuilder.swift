/// Builds node trees from parser events into flat storage, with an explicit stack (no recursion,
/// so depth is bounded only by `ParserLimits.maxDepth`), resolving aliases and merge keys and
/// enforcing the strict rules. Strict problems are collected and building goes on; limits stop it.
struct TreeBuilder {
    private typealias Record = NodeStore.Record

    private struct Frame {
        var isMapping: Bool
        var line: UInt32
        var column: UInt32
        var tag: CoreTag?
        var anchor: String?
        /// Where this collection's children begin on the scratch stack.
        var scratchStart: Int
        /// Key and value indices merged in through `<<`.
        var merged: [Int32] = []
        /// Hash of key bytes → key node indices, once a mapping outgrows linear search.
        var keyIndex: [Int: [Int32]] = [:]
        /// Nodes in this subtree, counting alias expansions.
        var size = 1
    }

    private static let smallMapping = 8

    let file: String
    private let fileID: UInt32
    let limits: ParserLimits
    private var records: [Record] = []
    private var children: [Int32] = []
    private var text: [UInt8] = []
    private var scratch: [Int32] = []
    private var frames: [Frame] = []
    private var anchors: [String: (index: Int32, size: Int)] = [:]
    private var aliasExpandedNodes = 0
    private var root: Int32?
    private var documentStart: (line: Int, column: Int)?
    private var pending: [(index: Int32, line: Int, column: Int)] = []
    private static let chunkBytes = 64 << 10
    private(set) var errors: [YAMLError] = []

    init(file: String, limits: ParserLimits) {
        self.file = file
        self.fileID = SourceNames.shared.id(for: file)
        self.limits = limits
    }

    func mark(line: Int, column: Int) -> Mark { Mark(fileID: fileID, line: line, column: column) }

    mutating func startDocument(line: Int, column: Int) {
        anchors.removeAll(keepingCapacity: true)
        root = nil
        documentStart = (line, column)
    }

    /// Ends the document. Documents are handed over in chunks of about `chunkBytes` of scalar
    /// text sharing one storage: few allocations, and a caller that decodes each chunk as it comes
    /// reads trees that are still in cache and keeps only one chunk in memory.
    mutating func endDocument() -> [YAMLDocument] {
        let start = documentStart ?? (1, 1)
        let index =
            root
            ?? appendScalar(
                UnsafeBufferPointer(start: nil, count: 0), style: .plain, tag: nil, line: start.line,
                column: start.column)
        pending.append((index, start.line, start.column))
        root = nil
        documentStart = nil
        return text.count >= Self.chunkBytes || records.count >= Self.chunkBytes / 8 ? flush() : []
    }

    /// Hands over every completed document not yet handed over.
    mutating func flush() -> [YAMLDocument] {
        guard !pending.isEmpty else { return [] }
        let store = NodeStore(fileID: fileID, records: records, children: children, text: text)
        let documents = pending.map {
            YAMLDocument(root: Node(store: store, index: $0.index), mark: mark(line: $0.line, column: $0.column))
        }
        pending.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        children.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        return documents
    }

    mutating func scalar(
        _ bytes: UnsafeBufferPointer<UInt8>, style: ScalarStyle, tag: String?, anchor: String?, line: Int, column: Int
    ) {
        let coreTag = tag.flatMap { checkScalarTag($0, bytes: bytes, at: mark(line: line, column: column)) }
        let index = appendScalar(bytes, style: style, tag: coreTag, line: line, column: column)
        complete(index, size: 1, anchor: anchor)
    }

    mutating func alias(_ name: String, line: Int, column: Int) throws(YAMLError) {
        guard let (target, size) = anchors[name] else {
            errors.append(
                YAMLError(
                    .strict, "alias '*\(name)' refers to no anchor defined before it in this document",
                    at: mark(line: line, column: column)))
            complete(
                appendScalar(
                    UnsafeBufferPointer(start: nil, count: 0), style: .plain, tag: nil, line: line, column: column),
                size: 1, anchor: nil)
            return
        }
        aliasExpandedNodes += size
        if aliasExpandedNodes > limits.maxAliasExpandedNodes {
            throw YAMLError(
                .limit,
                "aliases expand to more than \(limits.maxAliasExpandedNodes) nodes; refusing a document that "
                    + "grows by alias expansion (a \"billion laughs\" file?)",
                at: mark(line: line, column: column))
        }
        complete(target, size: size, anchor: nil)
    }

    mutating func startCollection(
        mapping: Bool, tag: String?, anchor: String?, line: Int, column: Int
    ) throws(YAMLError) {
        if frames.count >= limits.maxDepth {
            throw YAMLError(
                .limit, "collections nested more than \(limits.maxDepth) deep", at: mark(line: line, column: column))
        }
        var coreTag: CoreTag?
        if let tag {
            coreTag = CoreTag(rawValue: tag)
            if coreTag != (mapping ? .map : .seq) && coreTag != .nonSpecific {
                errors.append(
                    YAMLError(
                        .strict,
                        "tag '\(tag)' is not allowed on a \(mapping ? "mapping" : "sequence"); only the YAML core "
                            + "tags are",
                        at: mark(line: line, column: column)))
                coreTag = nil
            }
        }
        frames.append(
            Frame(
                isMapping: mapping, line: UInt32(clamping: line), column: UInt32(clamping: column), tag: coreTag,
                anchor: anchor, scratchStart: scratch.count))
    }

    mutating func endCollection() {
        guard let frame = frames.popLast() else { return }
        let start = children.count
        var count: Int
        if frame.isMapping {
            if scratch.count - frame.scratchStart == 1 { scratch.removeLast() }  // a key left without value
            children.append(contentsOf: scratch[frame.scratchStart...])
            count = (scratch.count - frame.scratchStart) / 2
            var k = 0
            while k < frame.merged.count {
                let key = frame.merged[k]
                if !containsKey(key, in: children, from: start, to: children.count) {
                    children.append(key)
                    children.append(frame.merged[k + 1])
                    count += 1
                }
                k += 2
            }
        } else {
            children.append(contentsOf: scratch[frame.scratchStart...])
            count = scratch.count - frame.scratchStart
        }
        scratch.removeSubrange(frame.scratchStart...)
        let index = Int32(records.count)
        records.append(
            Record(
                kind: frame.isMapping ? .mapping : .sequence, style: .plain, tag: frame.tag,
                line: frame.line, column: frame.column, start: UInt32(start), count: UInt32(count)))
        complete(index, size: frame.size, anchor: frame.anchor)
    }

    // MARK: - Private

    private mutating func appendScalar(
        _ bytes: UnsafeBufferPointer<UInt8>, style: ScalarStyle, tag: CoreTag?, line: Int, column: Int
    ) -> Int32 {
        let start = text.count
        text.append(contentsOf: bytes)
        records.append(
            Record(
                kind: .scalar, style: style, tag: tag, line: UInt32(clamping: line), column: UInt32(clamping: column),
                start: UInt32(start), count: UInt32(bytes.count)))
        return Int32(records.count - 1)
    }

    private mutating func complete(_ index: Int32, size: Int, anchor: String?) {
        if let anchor { anchors[anchor] = (index, size) }
        guard !frames.isEmpty else {
            root = index
            return
        }
        let top = frames.count - 1
        frames[top].size += size
        guard frames[top].isMapping, (scratch.count - frames[top].scratchStart) % 2 == 1 else {
            scratch.append(index)  // an item, or a key waiting for its value
            return
        }
        let key = scratch.removeLast()
        addPair(key: key, value: index, frame: top)
    }

    private mutating func addPair(key: Int32, value: Int32, frame top: Int) {
        let keyRecord = records[Int(key)]
        guard keyRecord.kind == .scalar else {
            errors.append(
                YAMLError(
                    .strict,
                    "mapping keys must be scalars, not \(keyRecord.kind == .sequence ? "a list" : "a mapping")",
                    at: markOf(key)))
            return
        }
        if keyRecord.style == .plain, keyRecord.tag == nil || keyRecord.tag == .merge, keyRecord.count == 2,
            isMergeKey(keyRecord)
        {
            merge(value, into: top)
            return
        }
        let start = frames[top].scratchStart
        let pairs = (scratch.count - start) / 2
        if pairs < Self.smallMapping {
            var k = start
            while k < scratch.count {
                if Self.sameKey(scratch[k], key, records: records, text: text) {
                    return duplicate(key, first: scratch[k])
                }
                k += 2
            }
        } else {
            if pairs == Self.smallMapping {
                var k = start
                while k < scratch.count {
                    frames[top].keyIndex[hashOf(scratch[k]), default: []].append(scratch[k])
                    k += 2
                }
            }
            let hash = hashOf(key)
            for earlier in frames[top].keyIndex[hash] ?? [] where sameKey(earlier, key) {
                return duplicate(key, first: earlier)
            }
            frames[top].keyIndex[hash, default: []].append(key)
        }
        scratch.append(key)
        scratch.append(value)
    }

    private mutating func duplicate(_ key: Int32, first: Int32) {
        let name = withBytes(key) { String(decoding: $0, as: UTF8.self) }
        let at = markOf(first)
        errors.append(
            YAMLError(
                .strict, "duplicate key '\(name)' (first defined at line \(at.line), column \(at.column))",
                at: markOf(key)))
    }

    private mutating func merge(_ value: Int32, into top: Int) {
        let r = records[Int(value)]
        switch r.kind {
        case .mapping:
            frames[top].merged.append(contentsOf: pairsOf(r))
        case .sequence:
            let items = children[Int(r.start)..<Int(r.start + r.count)]
            var mappings: [Record] = []
            for item in items where records[Int(item)].kind == .mapping { mappings.append(records[Int(item)]) }
            guard mappings.count == items.count else {
                errors.append(
                    YAMLError(
                        .strict, "merge key '<<' needs a mapping or a list of mappings, not a list of other things",
                        at: markOf(value)))
                return
            }
            for mapping in mappings { frames[top].merged.append(contentsOf: pairsOf(mapping)) }
        case .scalar:
            errors.append(
                YAMLError(
                    .strict, "merge key '<<' needs a mapping or a list of mappings, not a scalar", at: markOf(value)))
        }
    }

    private func pairsOf(_ mapping: Record) -> ArraySlice<Int32> {
        children[Int(mapping.start)..<Int(mapping.start + 2 * mapping.count)]
    }

    /// Whether a key with the bytes of `key` is among the keys of `list[from..<to]` (key, value, …).
    private func containsKey(_ key: Int32, in list: [Int32], from: Int, to: Int) -> Bool {
        var k = from
        while k < to {
            if sameKey(list[k], key) { return true }
            k += 2
        }
        return false
    }

    private func isMergeKey(_ r: Record) -> Bool {
        text[Int(r.start)] == UInt8(ascii: "<") && text[Int(r.start) + 1] == UInt8(ascii: "<")
    }

    private func sameKey(_ a: Int32, _ b: Int32) -> Bool {
        Self.sameKey(a, b, records: records, text: text)
    }

    /// Static, so the hot duplicate-key loop borrows the two tables instead of copying the builder.
    private static func sameKey(_ a: Int32, _ b: Int32, records: borrowing [Record], text: borrowing [UInt8]) -> Bool {
        let ra = records[Int(a)]
        let rb = records[Int(b)]
        guard ra.kind == .scalar, rb.kind == .scalar, ra.count == rb.count else { return false }
        var i = Int(ra.start)
        var j = Int(rb.start)
        let end = i + Int(ra.count)
        while i < end {
            if text[i] != text[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    private func hashOf(_ key: Int32) -> Int {
        withBytes(key) { bytes in
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            return hasher.finalize()
        }
    }

    private func withBytes<R>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let r = records[Int(index)]
        return text.withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[Int(r.start)..<Int(r.start + r.count)]))
        }
    }

    private func markOf(_ index: Int32) -> Mark {
        let r = records[Int(index)]
        return Mark(fileID: fileID, line: Int(r.line), column: Int(r.column))
    }

    /// Core tags only, and a tagged scalar must be what its tag says; nil when it is not.
    private mutating func checkScalarTag(_ tag: String, bytes: UnsafeBufferPointer<UInt8>, at mark: Mark) -> CoreTag? {
        let core = CoreTag(rawValue: tag)
        let ok: Bool
        switch core {
        case .str?, .nonSpecific?, .merge?: ok = true
        case .int?: ok = Node.parseDecimal(bytes) != nil
        case .bool?: ok = Node.equals(bytes, "true") || Node.equals(bytes, "false")
        case .null?: ok = Node.isNullText(bytes)
        case .float?: ok = Double(String(decoding: bytes, as: UTF8.self)) != nil
        case .map?, .seq?:
            errors.append(YAMLError(.strict, "tag '\(tag)' is not allowed on a scalar", at: mark))
            return nil
        case nil:
            errors.append(
                YAMLError(
                    .strict,
                    "unknown tag '\(tag)'; only the YAML core tags (!!str, !!int, !!bool, !!null, !!float, "
                        + "!!map, !!seq) are allowed",
                    at: mark))
            return nil
        }
        if !ok {
            errors.append(
                YAMLError(
                    .strict, "'\(String(decoding: bytes, as: UTF8.self))' is not a valid value for tag '\(tag)'",
                    at: mark))
            return nil
        }
        return core
    }
}
