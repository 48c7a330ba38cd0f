import Synchronization

/// A position in a YAML source: the file it came from and a 1-based line and column.
///
/// Columns count characters (Unicode scalars), as libyaml does, so a caret printed under the
/// source line lands on the right character even after non-ASCII text. A mark is plain data
/// (the file name is interned), so the millions of nodes of a large manifest set carry their
/// positions without reference counting.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    private let fileID: UInt32
    private let _line: UInt32
    private let _column: UInt32

    public init(file: String, line: Int, column: Int) {
        self.init(fileID: SourceNames.shared.id(for: file), line: line, column: column)
    }

    init(fileID: UInt32, line: Int, column: Int) {
        self.fileID = fileID
        self._line = UInt32(clamping: line)
        self._column = UInt32(clamping: column)
    }

    public var file: String { SourceNames.shared.name(for: fileID) }
    public var line: Int { Int(_line) }
    public var column: Int { Int(_column) }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        if lhs.fileID != rhs.fileID { return lhs.file < rhs.file }
        return (lhs._line, lhs._column) < (rhs._line, rhs._column)
    }
}

/// Interned file names for `Mark`.
final class SourceNames: Sendable {
    static let shared = SourceNames()

    private let state = Mutex<(names: [String], ids: [String: UInt32])>(([], [:]))

    func id(for name: String) -> UInt32 {
        state.withLock { state in
            if let id = state.ids[name] { return id }
            let id = UInt32(state.names.count)
            state.names.append(name)
            state.ids[name] = id
            return id
        }
    }

    func name(for id: UInt32) -> String {
        state.withLock { $0.names[Int(id)] }
    }
}
