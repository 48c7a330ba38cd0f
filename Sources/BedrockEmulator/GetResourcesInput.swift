import Foundation

/// A `GetResources` request body (resourcegroupstaggingapi 2017-01-26, `GetResourcesInput`),
/// read and checked against the model's shapes and the operation's documented rules.
struct GetResourcesInput: Sendable, Equatable {
    struct TagFilter: Sendable, Equatable {
        var key: String
        /// Empty: any value, or none.
        var values: [String]
    }

    /// `service[:resourceType]`, as a resource's ARN embeds them.
    struct ResourceType: Sendable, Equatable {
        var service: String
        var type: String?

        func matches(_ arn: String) -> Bool {
            let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[2] == service else { return false }
            guard let type else { return true }
            return parts[5].split(separator: "/", maxSplits: 1).first.map(String.init) == type
        }
    }

    /// Why a body was refused: the error's name in the model, and a message.
    struct Refusal: Error, Sendable, Equatable {
        var code: String
        var message: String

        static func invalid(_ message: String) -> Refusal {
            Refusal(code: "InvalidParameterException", message: message)
        }
    }

    var paginationToken: String?
    var tagFilters: [TagFilter] = []
    var resourcesPerPage: Int?
    var tagsPerPage: Int?
    var resourceTypeFilters: [ResourceType]?
    var includeComplianceDetails = false
    var excludeCompliantResources = false
    var resourceARNList: [String]?

    /// The documented default page size is not stated; 50 is our choice (the largest the
    /// operation once allowed, and what other emulators use).
    static let defaultResourcesPerPage = 50
    static let resourcesPerPage = 1...100
    static let tagsPerPage = 100...500

    init(body: [UInt8]) throws(Refusal) {
        let object: [String: JSONValue]
        if body.isEmpty {
            object = [:]
        } else {
            guard let parsed = JSONValue(parsing: body)?.members else {
                throw Refusal(code: "SerializationException", message: "The request body is not a JSON object.")
            }
            object = parsed
        }
        func member(_ name: String) -> JSONValue? {
            guard let value = object[name], value != .null else { return nil }
            return value
        }
        paginationToken = try Self.string(member("PaginationToken"), "PaginationToken", length: 0...2048)
        if paginationToken == "" { paginationToken = nil }
        if let filters = try Self.list(member("TagFilters"), "TagFilters", count: 0...50) {
            tagFilters = try filters.map { filter throws(Refusal) in try Self.tagFilter(filter) }
        }
        resourcesPerPage = try Self.integer(
            member("ResourcesPerPage"), "ResourcesPerPage", range: Self.resourcesPerPage)
        tagsPerPage = try Self.integer(member("TagsPerPage"), "TagsPerPage", range: Self.tagsPerPage)
        if let types = try Self.list(member("ResourceTypeFilters"), "ResourceTypeFilters", count: 0...100) {
            resourceTypeFilters = try types.map { type throws(Refusal) in try Self.resourceType(type) }
        }
        includeComplianceDetails = try Self.boolean(member("IncludeComplianceDetails"), "IncludeComplianceDetails")
        excludeCompliantResources = try Self.boolean(member("ExcludeCompliantResources"), "ExcludeCompliantResources")
        if let arns = try Self.list(member("ResourceARNList"), "ResourceARNList", count: 1...100) {
            resourceARNList = try arns.map { arn throws(Refusal) in try Self.arn(arn) }
        }
        try checkCombinations(object)
    }

    /// The combinations the operation's documentation forbids.
    private func checkCombinations(_ object: [String: JSONValue]) throws(Refusal) {
        if resourceARNList != nil {
            let given =
                ["TagFilters", "ResourceTypeFilters", "ResourcesPerPage", "TagsPerPage"]
                .filter { object[$0] != nil && object[$0] != .null }
                + (paginationToken == nil ? [] : ["PaginationToken"])
            if let other = given.first {
                throw .invalid("ResourceARNList cannot be specified with \(other).")
            }
        }
        if excludeCompliantResources && !includeComplianceDetails {
            throw .invalid("ExcludeCompliantResources can be true only when IncludeComplianceDetails is true.")
        }
    }

    private static func typeError(_ name: String, _ expected: String) -> Refusal {
        Refusal(code: "SerializationException", message: "\(name) must be \(expected).")
    }

    private static func string(_ value: JSONValue?, _ name: String, length: ClosedRange<Int>) throws(Refusal) -> String?
    {
        guard let value else { return nil }
        guard case .string(let text) = value else { throw typeError(name, "a string") }
        guard length.contains(text.count) else {
            throw .invalid("\(name) must be from \(length.lowerBound) to \(length.upperBound) characters long.")
        }
        return text
    }

    private static func list(
        _ value: JSONValue?, _ name: String, count: ClosedRange<Int>
    ) throws(Refusal) -> [JSONValue]? {
        guard let value else { return nil }
        guard case .array(let items) = value else { throw typeError(name, "a list") }
        guard count.contains(items.count) else {
            throw .invalid(
                "\(name) must have from \(count.lowerBound) to \(count.upperBound) members, got \(items.count).")
        }
        return items
    }

    private static func integer(_ value: JSONValue?, _ name: String, range: ClosedRange<Int>) throws(Refusal) -> Int? {
        guard let value else { return nil }
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 else {
            throw typeError(name, "an integer")
        }
        guard range.contains(Int(number)) else {
            throw .invalid("\(name) must be from \(range.lowerBound) to \(range.upperBound), got \(Int(number)).")
        }
        return Int(number)
    }

    private static func boolean(_ value: JSONValue?, _ name: String) throws(Refusal) -> Bool {
        guard let value else { return false }
        guard case .bool(let flag) = value else { throw typeError(name, "a boolean") }
        return flag
    }

    private static func tagFilter(_ value: JSONValue) throws(Refusal) -> TagFilter {
        guard case .object(let members) = value else { throw typeError("Each TagFilter", "an object") }
        // The model leaves Key optional; the documentation says each filter must contain one.
        guard let key = try string(members["Key"].flatMap { $0 == .null ? nil : $0 }, "TagFilter Key", length: 1...128)
        else {
            throw .invalid("Each TagFilter must contain a Key.")
        }
        let values =
            try list(members["Values"].flatMap { $0 == .null ? nil : $0 }, "TagFilter Values", count: 0...20) ?? []
        return TagFilter(
            key: key,
            values: try values.map { value throws(Refusal) in
                try string(value, "Each TagFilter value", length: 0...256) ?? ""
            })
    }

    private static func resourceType(_ value: JSONValue) throws(Refusal) -> ResourceType {
        guard let text = try string(value, "Each ResourceTypeFilter", length: 0...256) else {
            throw typeError("Each ResourceTypeFilter", "a string")
        }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty else {
            throw .invalid("The resource type filter '\(text)' is not of the form service[:resourceType].")
        }
        return ResourceType(service: parts[0], type: parts.count == 2 ? parts[1] : nil)
    }

    private static func arn(_ value: JSONValue) throws(Refusal) -> String {
        guard let text = try string(value, "Each ResourceARN", length: 1...1011) else {
            throw typeError("Each ResourceARN", "a string")
        }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[2].isEmpty else {
            throw .invalid("\(text) is not a valid ARN.")
        }
        guard parts[1] == "aws" else {
            throw .invalid("The partition in \(text) does not match the partition of this endpoint (aws).")
        }
        return text
    }
}
