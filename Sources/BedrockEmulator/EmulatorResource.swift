import BedrockConstraints
import Foundation

/// One kind of resource the emulator keeps, in one file: its record, its member in `--state`
/// files, the operations that serve it and its lifecycle. Registered once, in
/// `EmulatorResources.all`: the state and its journal, the change count, tagging, fresh ids,
/// health, settling and routing all go through that list, so none of them can miss a kind.
protocol EmulatorResource: Codable, Sendable, Equatable, ARNNamed {
    /// Its member in state files and journal entries (`removed` + the capitalised key holds the
    /// ids a journal entry removes).
    static var stateKey: String { get }
    /// Its count's name in `GET /_emulator/health`; the state key unless said otherwise.
    static var healthName: String { get }
    /// What a message calls one: "throughput".
    static var noun: String { get }
    /// The operations that serve it.
    static var routes: [EmulatorRoute] { get }

    /// The name a message gives this one.
    var label: String { get }
    /// Every date it holds, for the check of a loaded state.
    var dates: [Date?] { get }
    /// The ids it holds, its own and any it has promised (an import job's model to come): no new
    /// resource may take one.
    var reservedIds: [String] { get }

    /// Moves the kind's lifecycles on to `now`; true when what changed must be saved at once.
    static func settle(in emulator: isolated Emulator, now: Date) -> Bool

    /// What an InvokeModel model id names, when it is one of these: the foundation model that
    /// answers (a throughput's, a deployment's base), or the resource's name when none does.
    /// Throws when it is one that cannot answer now; nil when it is not one of these.
    static func invocation(
        of identifier: String, arn: BedrockARN?, in emulator: isolated Emulator, _ ctx: Emulator.Context
    ) throws(EmulatorError) -> String?
}

extension EmulatorResource {
    static var healthName: String { stateKey }
    var reservedIds: [String] { [id] }
    static func settle(in emulator: isolated Emulator, now: Date) -> Bool { false }

    static func invocation(
        of identifier: String, arn: BedrockARN?, in emulator: isolated Emulator, _ ctx: Emulator.Context
    ) throws(EmulatorError) -> String? { nil }

    /// The key of the ids a journal entry removes: `removedThroughputs`.
    static var removedKey: String { "removed" + stateKey.prefix(1).uppercased() + stateKey.dropFirst() }
}
