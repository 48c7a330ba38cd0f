import AWSClient
import Foundation

/// A quota increase request (RequestServiceQuotaIncrease), kept in the state so that an approval
/// outlives a restart: the latest approved request of a quota in a region sets its value there.
struct QuotaRequestRecord: Codable, Sendable, Equatable {
    var id: String
    var region: String
    var quotaCode: String
    var desiredValue: Double
    var status: ServiceQuotas.RequestStatus
    var created: Date
    var lastUpdated: Date
    /// The support case AWS opens for a request it does not decide at once.
    var caseId: String?

    /// Decides the request once `seconds` have passed since it was made, as `outcome` says;
    /// true when it changed.
    mutating func settle(at now: Date, after seconds: Double, outcome: QuotaRequestOutcome) -> Bool {
        guard status.isOpen, now >= created.addingTimeInterval(seconds) else { return false }
        switch outcome {
        case .approve: status = .approved
        case .deny: status = .denied
        case .pending: return false
        }
        lastUpdated = now
        return true
    }
}
