import Foundation

/// What Bedrock refuses that the service model's shapes do not say, from the catalogue's rows:
/// where each model is sold as Provisioned Throughput, which custom models may be deployed on
/// demand and where, and where each system inference profile is served. The planner asks these
/// before anything is applied; the emulator refuses the same calls with the same reasons.
public enum BedrockRules {
    /// Why a throughput of the provisioned variant `variant` (a foundation model's, or the base
    /// of a custom model) cannot be bought in `region`; nil when it can, or when the catalogue
    /// does not know the variant (Bedrock decides then).
    public static func provisionedThroughputRefusal(variant: String, region: String) -> String? {
        guard let model = FoundationModelCatalog.model(id: variant), model.supportsProvisioned else { return nil }
        if model.provisionedRegions.contains(region) { return nil }
        let source = BedrockCatalog.shipped.source("pt-table")?.title ?? "AWS's table of Provisioned Throughput models"
        if model.provisionedRegions.isEmpty {
            return "\(variant) is not sold as Provisioned Throughput in any region: it is not in \(source)"
        }
        return "\(variant) is sold as Provisioned Throughput only in "
            + model.provisionedRegions.joined(separator: ", ") + ", not in \(region) (\(source))"
    }

    /// Why a custom model customized from `base` (its base's provisioned variant or on-demand id)
    /// at `customizedAt` cannot be deployed for on-demand inference in `region`; nil when it can.
    public static func onDemandDeploymentRefusal(base: String, region: String, customizedAt: Date?) -> String? {
        let rule = BedrockCatalog.shipped.onDemandDeployment
        let title = BedrockCatalog.shipped.source(rule.source)?.title ?? rule.source
        let baseId = FoundationModelCatalog.model(id: base)?.baseModelId ?? base
        // A customization names its base by a variant (`…:0:300k`, `…:0:128k`) or by the model's id.
        guard let allowed = rule.baseModels.first(where: { baseId == $0.model || baseId.hasPrefix($0.model + ":") })
        else {
            let list = rule.baseModels.map { "\($0.model) (\($0.regions.joined(separator: ", ")))" }
            return "custom models of \(baseId) cannot be deployed for on-demand inference: AWS deploys only "
                + "customizations of " + list.joined(separator: ", ") + " (\(title))"
        }
        guard allowed.regions.contains(region) else {
            return "customizations of \(baseId) can be deployed for on-demand inference only in "
                + allowed.regions.joined(separator: ", ") + ", not in \(region) (\(title))"
        }
        if let customizedAt, let earliest = day(rule.customizedOnOrAfter), customizedAt < earliest {
            return "the custom model was customized on \(dayText(customizedAt)), before \(rule.customizedOnOrAfter): "
                + "only models customized on or after \(rule.customizedOnOrAfter) can be deployed for on-demand "
                + "inference (\(title))"
        }
        return nil
    }

    /// Why a profile cannot copy from the system profile `id` in `region`; nil when it can, or
    /// when the catalogue does not know the profile (Bedrock decides then).
    public static func systemProfileRefusal(id: String, region: String) -> String? {
        guard let profile = BedrockCatalog.shipped.systemProfiles.first(where: { $0.id == id }) else { return nil }
        if profile.regions.contains(region) { return nil }
        let title = BedrockCatalog.shipped.source(profile.source)?.title ?? profile.source
        return "the system inference profile \(id) is not served in \(region); it is called from "
            + profile.regions.joined(separator: ", ") + " (\(title))"
    }

    static func day(_ text: String) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    static func dayText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
