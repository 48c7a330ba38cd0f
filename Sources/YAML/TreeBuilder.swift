/// Builds node trees from parser events with an explicit stack (no recursion, so depth is only
/// bounded by `ParserLimits.maxDepth`), resolving aliases and merge keys and enforcing the strict
/// rules. Strict problems are collected and building goes on; limits stop it.
struct TreeBuilder {
    private struct Frame {
        var isMapping: Bool
        var mark: Mark
        var tag: CoreTag?
        var anchor: String?
        var items: [Node] = []
        var pairs: [Node.Pair] = []
        var pendingKey: Node?
        var merged: [Node.Pair] = []
        var keyIndex: [String: Int] = [:]
        var size = 1
    }

    private static let smallMapping = 8

    let file: String
    private let fileID: UInt32
    let limits: ParserLimits
    private var frames: [Frame] = []
    private var anchors: [String: (node: Node, size: Int)] = [:]
    private var aliasExpandedNodes = 0
    private var root: Node?
    private var documentMark: Mark?
    private(set) var documents: [YAMLDocument] = []
    private(set) var errors: [YAMLError] = []

    init(file: String, limits: ParserLimits) {
        self.file = file
        self.fileID = SourceNames.shared.id(for: file)
        self.limits = limits
    }

    func mark(line: Int, column: Int) -> Mark { Mark(fileID: fileID, line: line, column: column) }

    mutating func startDocument(at mark: Mark) {
        anchors.removeAll(keepingCapacity: true)
        root = nil
        documentMark = mark
    }

    mutating func endDocument() {
        let start = documentMark ?? mark(line: 1, column: 1)
        documents.append(YAMLDocument(root: root ?? Node(.scalar("", .plain), mark: start), mark: start))
        root = nil
        documentMark = nil
    }

    mutating func scalar(_ text: String, style: ScalarStyle, tag: String?, anchor: String?, at mark: Mark) {
        let tag = tag.flatMap { checkScalarTag($0, text: text, at: mark) }
        complete(Node(.scalar(text, style), mark: mark, tag: tag), size: 1, anchor: anchor)
    }

    mutating func alias(_ name: String, at mark: Mark) throws(YAMLError) {
        guard let (target, size) = anchors[name] else {
            errors.append(YAMLError(.strict, "alias '*\(name)' refers to no anchor defined before it in this document", at: mark))
            complete(Node(.scalar("", .plain), mark: mark), size: 1, anchor: nil)
            return
        }
        aliasExpandedNodes += size
        if aliasExpandedNodes > limits.maxAliasExpandedNodes {
            throw YAMLError(.limit, "aliases expand to more than \(limits.maxAliasExpandedNodes) nodes; refusing a document that grows by alias expansion (a \"billion laughs\" file?)", at: mark)
        }
        var node = target
        node.mark = mark
        complete(node, size: size, anchor: nil)
    }

    mutating func startCollection(mapping: Bool, tag: String?, anchor: String?, at mark: Mark) throws(YAMLError) {
        if frames.count >= limits.maxDepth {
            throw YAMLError(.limit, "collections nested more than \(limits.maxDepth) deep", at: mark)
        }
        var coreTag: CoreTag?
        if let tag {
            coreTag = CoreTag(rawValue: tag)
            if coreTag != (mapping ? .map : .seq) && coreTag != .nonSpecific {
                errors.append(YAMLError(.strict, "tag '\(tag)' is not allowed on a \(mapping ? "mapping" : "sequence"); only the YAML core tags are", at: mark))
                coreTag = nil
            }
        }
        frames.append(Frame(isMapping: mapping, mark: mark, tag: coreTag, anchor: anchor))
    }

    mutating func endCollection() {
        guard var frame = frames.popLast() else { return }
        let node: Node
        if frame.isMapping {
            if !frame.merged.isEmpty {
                var present = Set(frame.pairs.compactMap { $0.key.scalarText })
                for pair in frame.merged {
                    guard let key = pair.key.scalarText, present.insert(key).inserted else { continue }
                    frame.pairs.append(pair)
                }
            }
            node = Node(.mapping(frame.pairs), mark: frame.mark, tag: frame.tag)
        } else {
            node = Node(.sequence(frame.items), mark: frame.mark, tag: frame.tag)
        }
        complete(node, size: frame.size, anchor: frame.anchor)
    }

    // MARK: - Private

    private mutating func complete(_ node: Node, size: Int, anchor: String?) {
        if let anchor { anchors[anchor] = (node, size) }
        guard !frames.isEmpty else {
            root = node
            return
        }
        let top = frames.count - 1
        frames[top].size += size
        if !frames[top].isMapping {
            frames[top].items.append(node)
        } else if let key = frames[top].pendingKey {
            frames[top].pendingKey = nil
            addPair(key: key, value: node, frame: top)
        } else {
            frames[top].pendingKey = node
        }
    }

    private mutating func addPair(key: Node, value: Node, frame top: Int) {
        guard case .scalar(let text, let style) = key.content else {
            errors.append(YAMLError(.strict, "mapping keys must be scalars, not \(key.kindDescription)", at: key.mark))
            return
        }
        if text == "<<" && style == .plain && (key.tag == nil || key.tag == .merge) {
            merge(value, into: top)
            return
        }
        if let first = firstOccurrence(of: text, in: top) {
            errors.append(YAMLError(.strict, "duplicate key '\(text)' (first defined at line \(first.line), column \(first.column))", at: key.mark))
            return
        }
        let index = frames[top].pairs.count
        frames[top].pairs.append(Node.Pair(key: key, value: value))
        if index == Self.smallMapping {
            for (i, pair) in frames[top].pairs.enumerated() {
                if let k = pair.key.scalarText { frames[top].keyIndex[k] = i }
            }
        } else if index > Self.smallMapping {
            frames[top].keyIndex[text] = index
        }
    }

    private func firstOccurrence(of key: String, in top: Int) -> Mark? {
        let pairs = frames[top].pairs
        if pairs.count > Self.smallMapping {
            return frames[top].keyIndex[key].map { pairs[$0].key.mark }
        }
        for pair in pairs {
            if case .scalar(let text, _) = pair.key.content, text == key { return pair.key.mark }
        }
        return nil
    }

    private mutating func merge(_ value: Node, into top: Int) {
        switch value.content {
        case .mapping(let pairs):
            frames[top].merged.append(contentsOf: pairs)
        case .sequence(let items) where items.allSatisfy({ if case .mapping = $0.content { true } else { false } }):
            for item in items {
                if case .mapping(let pairs) = item.content { frames[top].merged.append(contentsOf: pairs) }
            }
        default:
            errors.append(YAMLError(.strict, "merge key '<<' needs a mapping or a list of mappings, not \(value.kindDescription)", at: value.mark))
        }
    }

    /// Core tags only, and a tagged scalar must be what its tag says; nil when it is not.
    private mutating func checkScalarTag(_ tag: String, text: String, at mark: Mark) -> CoreTag? {
        let ok: Bool
        let core = CoreTag(rawValue: tag)
        switch core {
        case .str?, .nonSpecific?, .merge?: ok = true
        case .int?: ok = Node.parseDecimal(text) != nil
        case .bool?: ok = text == "true" || text == "false"
        case .null?: ok = ["", "~", "null", "Null", "NULL"].contains(text)
        case .float?: ok = Double(text) != nil
        case .map?, .seq?, nil:
            errors.append(YAMLError(.strict, "unknown tag '\(tag)'; only the YAML core tags (!!str, !!int, !!bool, !!null, !!float, !!map, !!seq) are allowed", at: mark))
            return nil
        }
        if !ok {
            errors.append(YAMLError(.strict, "'\(text)' is not a valid value for tag '\(tag)'", at: mark))
            return nil
        }
        return core
    }
}
