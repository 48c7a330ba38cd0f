import AWSClient
import FuzzCommon

/// The event-stream decoder, fed the same bytes whole and in chunks.
///
/// The first byte is a control byte: its low six bits + 1 are the chunk size, and bit 6 asks
/// for the checksums to be repaired first (a frame whose CRCs are right reaches the header
/// parser; random bytes almost never do). The rest is the stream.
///
/// Properties: whole and chunked feeding end the same way (the same messages, or the same
/// error); every message decoded re-encodes to a frame that decodes to it again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let control = data[0]
    var stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if control & 0x40 != 0 { repairChecksums(&stream) }

    let whole = decode([stream[...]])
    let chunkSize = Int(control & 0x3F) + 1
    let chunks = stride(from: 0, to: stream.count, by: chunkSize).map { stream[$0..<min($0 + chunkSize, stream.count)] }
    let chunked = decode(chunks)

    expect(
        whole.error == chunked.error,
        "whole: \(String(describing: whole.error)); chunks of \(chunkSize): \(String(describing: chunked.error))"
    )
    if whole.error == nil {
        expect(whole.messages == chunked.messages, "whole and chunked feeding decoded different messages")
    }
    for message in chunked.messages where reencodable(message) {
        var decoder = EventStreamDecoder()
        let again = try? decoder.feed(message.encoded())
        expect(again == [message], "a decoded message does not survive encoded() and decoding again")
    }
    return 0
}

private func decode(
    _ chunks: [ArraySlice<UInt8>]
) -> (messages: [EventStreamMessage], error: EventStreamDecoder.DecodingError?) {
    var decoder = EventStreamDecoder()
    var messages: [EventStreamMessage] = []
    do throws(EventStreamDecoder.DecodingError) {
        for chunk in chunks { messages += try decoder.feed(Array(chunk)) }
        try decoder.finish()
        return (messages, nil)
    } catch {
        return (messages, error)
    }
}

/// Writes the right prelude and message CRCs into each frame whose length fits.
private func repairChecksums(_ bytes: inout [UInt8]) {
    func readUInt32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
    func write(_ value: UInt32, at: Int) {
        for i in 0..<4 { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(i))) }
    }
    var start = 0
    while start + 12 <= bytes.count {
        let total = readUInt32(start)
        guard total >= 16, start + total <= bytes.count else {
            write(CRC32.checksum(bytes[start..<(start + 8)]), at: start + 8)
            return
        }
        write(CRC32.checksum(bytes[start..<(start + 8)]), at: start + 8)
        write(CRC32.checksum(bytes[start..<(start + total - 4)]), at: start + total - 4)
        start += total
    }
}

/// Whether `encoded()` can represent the message: names of at most 255 bytes, strings and byte
/// arrays of at most 65535 (a name decoded from invalid UTF-8 grows when re-encoded).
private func reencodable(_ message: EventStreamMessage) -> Bool {
    message.headers.allSatisfy { header in
        guard header.name.utf8.count <= 255 else { return false }
        switch header.value {
        case .string(let s): return s.utf8.count <= 0xFFFF
        case .bytes(let b): return b.count <= 0xFFFF
        case .uuid(let b): return b.count == 16
        default: return true
        }
    }
}
