/// A position in a YAML source: the file it came from and a 1-based line and column.
///
/// Columns count characters (Unicode scalars), as libyaml does, so a caret printed under the
/// source line lands on the right character even after non-ASCII text.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
