import Foundation

/// `--state FILE`: a snapshot of the whole state in FILE and a journal of the changes since in
/// `FILE.journal`, so that saving a change costs what the change does, not what the state does.
///
/// - Each save appends one line, the change as JSON (`StateDelta`), with one `write(2)` before
///   the request is answered: a killed emulator loses nothing it answered.
/// - The journal is `fdatasync`ed when a second has passed since it last was, and at every
///   compaction: an operating-system crash or power cut loses at most about the last second of
///   changes (Redis's `appendfsync everysec` trade), where syncing every change would cost a
///   disk flush per request.
/// - When the journal outgrows the snapshot (and 1 MiB), the state is written to a temporary
///   file, synced, renamed over the snapshot and the directory synced; then the journal is
///   emptied. Each entry is numbered and the snapshot records the last it includes, so a crash
///   between the rename and the truncation replays nothing twice.
/// - On load a last line without its newline, or one that does not decode with nothing valid
///   after it, is a write the crash tore: it is ignored. The loaded state is then compacted at
///   once, so the journal starts empty.
final class EmulatorStateStore {
    let path: String
    var journalPath: String { path + ".journal" }
    /// Whether neither file existed: a new state, which a seed may start.
    let isNew: Bool
    /// The state as the files hold it.
    private(set) var saved: EmulatorState
    private let journal: Int32
    private var journalBytes = 0
    private var snapshotBytes = 0
    private var hasSnapshot = false
    private var lastSync = ContinuousClock.now

    static let syncInterval: Duration = .seconds(1)
    static let minimumCompactionBytes = 1 << 20
    /// The journal size below which it is never compacted, whatever the snapshot's.
    let compactionFloor: Int

    /// Opens the state at `path`, creating nothing until the first save.
    init(path: String, compactionFloor: Int = EmulatorStateStore.minimumCompactionBytes) throws(EmulatorStateError) {
        self.path = path
        self.compactionFloor = compactionFloor
        let manager = FileManager.default
        isNew = !manager.fileExists(atPath: path) && !manager.fileExists(atPath: path + ".journal")
        var state = EmulatorState()
        if manager.fileExists(atPath: path) {
            guard let data = manager.contents(atPath: path) else {
                throw EmulatorStateError(path: path, reason: "cannot be read")
            }
            do { state = try Emulator.decoder.decode(EmulatorState.self, from: data) } catch {
                throw EmulatorStateError(path: path, reason: "is not an emulator state file: \(error)")
            }
            snapshotBytes = data.count
            hasSnapshot = true
        }
        var replayed = false
        if let journalData = manager.contents(atPath: path + ".journal"), !journalData.isEmpty {
            for delta in try Self.entries(journalData, path: path + ".journal") where delta.sequence > state.sequence {
                guard delta.sequence == state.sequence + 1 else {
                    throw EmulatorStateError(
                        path: path + ".journal", reason: "skips from change \(state.sequence) to \(delta.sequence)")
                }
                delta.apply(to: &state)
            }
            replayed = true
        }
        saved = state
        journal = open(path + ".journal", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard journal >= 0 else {
            throw EmulatorStateError(path: path + ".journal", reason: "cannot be opened (errno \(errno))")
        }
        if replayed { try compact() }
    }

    deinit { close(journal) }

    /// The complete entries of a journal, in order; a torn last one is left out.
    static func entries(_ data: Data, path: String) throws(EmulatorStateError) -> [StateDelta] {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var deltas: [StateDelta] = []
        var torn: Int?
        for (number, line) in lines.enumerated() where !line.isEmpty {
            // The last piece has no newline after it: a write cut short.
            let complete = number < lines.count - 1
            guard complete, let delta = try? Emulator.decoder.decode(StateDelta.self, from: Data(line)) else {
                if torn == nil { torn = number + 1 }
                continue
            }
            if let torn {
                throw EmulatorStateError(
                    path: path, reason: "has an unreadable entry on line \(torn) before valid ones")
            }
            deltas.append(delta)
        }
        return deltas
    }

    /// Saves `state`: appends what changed since the last save, numbering it in `state` too,
    /// and compacts when the journal has grown past the snapshot.
    func save(_ state: inout EmulatorState) throws(EmulatorStateError) {
        guard let delta = StateDelta(from: saved, to: state, sequence: saved.sequence + 1) else { return }
        state.sequence = delta.sequence
        var line: Data
        do { line = try Emulator.encoder.encode(delta) } catch {
            throw EmulatorStateError(path: journalPath, reason: "cannot encode a change: \(error)")
        }
        line.append(UInt8(ascii: "\n"))
        do {
            try write(line, to: journal, path: journalPath)
        } catch {
            // Cut a partial line off, or the next entry would be appended to it.
            _ = ftruncate(journal, off_t(journalBytes))
            throw error
        }
        journalBytes += line.count
        saved = state
        // The first save writes the snapshot, so FILE exists from the first change on.
        if !hasSnapshot || journalBytes > max(compactionFloor, snapshotBytes) {
            try compact()
        } else if ContinuousClock.now - lastSync >= Self.syncInterval {
            fdatasync(journal)
            lastSync = .now
        }
    }

    /// Writes the saved state as the new snapshot, atomically and durably, then empties the
    /// journal.
    func compact() throws(EmulatorStateError) {
        let data: Data
        do { data = try Emulator.encoder.encode(saved) } catch {
            throw EmulatorStateError(path: path, reason: "cannot be encoded: \(error)")
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw EmulatorStateError(path: temporary, reason: "cannot be created (errno \(errno))") }
        do {
            try write(data, to: fd, path: temporary)
        } catch {
            close(fd)
            throw error
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard synced else { throw EmulatorStateError(path: temporary, reason: "cannot be synced (errno \(errno))") }
        guard rename(temporary, path) == 0 else {
            throw EmulatorStateError(path: path, reason: "cannot be replaced (errno \(errno))")
        }
        Self.syncDirectory(of: path)
        guard ftruncate(journal, 0) == 0 else {
            throw EmulatorStateError(path: journalPath, reason: "cannot be emptied (errno \(errno))")
        }
        fdatasync(journal)
        lastSync = .now
        journalBytes = 0
        snapshotBytes = data.count
        hasSnapshot = true
    }

    private func write(_ data: Data, to fd: Int32, path: String) throws(EmulatorStateError) {
        let failure: Int32? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw EmulatorStateError(path: path, reason: "cannot be written (errno \(failure))") }
    }

    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
