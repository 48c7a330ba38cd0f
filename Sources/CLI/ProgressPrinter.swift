import AWSClient
import Foundation
import Synchronization

/// Apply's progress: on a terminal, waiting messages rewrite one live line; elsewhere (CI logs)
/// each action's waiting message is printed at most every `interval`. Other messages always print.
final class ProgressPrinter: Sendable {
    private let context: CommandContext
    private let interval: TimeInterval
    private let state = Mutex<(lastPrinted: [String: Date], liveLine: Bool)>(([:], false))

    init(context: CommandContext, interval: TimeInterval = 30) {
        self.context = context
        self.interval = interval
    }

    func print(_ raw: String) {
        let message = DisplayText.escaped(raw)
        let waiting = message.contains(": waiting for ")
        let id = message.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        state.withLock { state in
            if context.isTerminal {
                if waiting {
                    context.stderr("\r\u{1B}[K" + message)
                    state.liveLine = true
                } else {
                    context.stderr((state.liveLine ? "\r\u{1B}[K" : "") + message + "\n")
                    state.liveLine = false
                }
                return
            }
            if waiting {
                let now = Date()
                if let last = state.lastPrinted[id], now.timeIntervalSince(last) < interval { return }
                state.lastPrinted[id] = now
            }
            context.stderr(message + "\n")
        }
    }
}
