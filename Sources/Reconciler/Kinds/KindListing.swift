import Foundation

/// What one kind's lists found: every resource's ARN, whether the manifests want its name (a
/// conflict, an adoption, or one of the stack's not indexed yet), and how the resources go into
/// the live state once their details are read.
struct KindListing: Sendable {
    var resources: [(arn: String, wanted: Bool)]
    var assemble: @Sendable (inout LiveState, ReadDetails) -> Void
}

/// The details the reader read, by ARN.
struct ReadDetails: Sendable {
    /// nil for an ARN not read; `.some(nil)` for a resource that was gone when read.
    var read: [String: LiveStateReader.Details?]

    /// Its tags; none when it was not read.
    func tags(_ arn: String) -> [String: String] { (read[arn] ?? nil)?.tags ?? [:] }

    /// False for a resource found gone when its tags were read: deleted after the lists.
    func here(_ arn: String) -> Bool { !(read[arn].map { $0 == nil } ?? false) }

    /// What the kind's unit read of it beside its tags (`ReconcilerKindUnit.detail`), when it did.
    func detail<T>(_ arn: String, as type: T.Type) -> T? { (read[arn] ?? nil)?.detail as? T }
}
