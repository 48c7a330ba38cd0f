import CLibYAML

/// A raw libyaml pass that only counts events: the baseline the benchmark compares the full
/// parse, decode and validate pipeline against.
public enum YAMLEventScanner {
    public static func countEvents(_ bytes: [UInt8], file: String = "<bench>") throws(YAMLError) -> Int {
        var count = 0
        try bytes.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(YAMLError) in
            try LibYAMLEvents.forEach(buffer, file: file) { (_: inout yaml_event_t) throws(YAMLError) in count += 1 }
        }
        return count
    }
}
