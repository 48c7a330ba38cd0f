import Foundation

extension Emulator {
    /// `GET /_emulator/health`; `GET /_emulator/settings`, and `POST /_emulator/settings` with any
    /// of the settings' fields (null turns an optional one off); `POST /_emulator/advance {"seconds": N}`
    /// to move emulated time forward (lifecycles and commitments; not signature checks). Unsigned, on
    /// loopback only.
    func admin(_ request: EmulatorRequest, requestId: String) -> EmulatorResponse {
        switch (request.method, request.path) {
        case ("GET", "/_emulator/health"):
            var health: [String: JSONValue] = ["status": .string("ok")]
            for kind in EmulatorResources.all { health[kind.healthName] = .number(Double(state.count(of: kind))) }
            return .json(200, .object(health), requestId: requestId)
        case ("GET", "/_emulator/settings"):
            return settingsResponse(requestId)
        case ("POST", "/_emulator/settings"):
            // Foundation's serializer, not `JSONValue`: the patch is merged into the settings as
            // JSON, and a seed is a full UInt64, which a Double would round.
            guard let patch = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] else {
                return .error(.validation("The body must be a JSON object of settings."), requestId: requestId)
            }
            var current =
                (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(settings))) as? [String: Any] ?? [:]
            let known = Set(current.keys).union(EmulatorSettings.optionalNames)
            if let unknown = patch.keys.first(where: { !known.contains($0) }) {
                return .error(
                    .validation(
                        "Unknown setting '\(unknown)'; settings are \(known.sorted().joined(separator: ", "))."),
                    requestId: requestId)
            }
            for (key, value) in patch { current[key] = value }
            guard let data = try? JSONSerialization.data(withJSONObject: current),
                let updated = try? JSONDecoder().decode(EmulatorSettings.self, from: data)
            else {
                return .error(.validation("A setting has the wrong type."), requestId: requestId)
            }
            if !updated.problems.isEmpty {
                return .error(.validation(updated.problems.joined(separator: "; ") + "."), requestId: requestId)
            }
            let seedBefore = settings.seed
            settings = updated
            if let seed = updated.seed, seed != seedBefore { state.randomState = seed }
            log("settings changed: \(String(decoding: data, as: UTF8.self))")
            return settingsResponse(requestId)
        case ("POST", "/_emulator/advance"):
            guard case .number(let seconds)? = JSONValue(parsing: request.body)?.members?["seconds"],
                seconds.isFinite, seconds >= 0,
                timeOffset + seconds <= Self.maxTimeOffset
            else {
                let left = Int(Self.maxTimeOffset - timeOffset)
                return .error(
                    .validation(
                        "The body must be {\"seconds\": N} with N from 0 to \(left) (emulated time may run at "
                            + "most 100 years ahead)."
                    ),
                    requestId: requestId)
            }
            timeOffset += seconds
            settle(now: clock.now().addingTimeInterval(timeOffset))
            log("emulated time advanced by \(seconds) s (now \(timeOffset) s ahead)")
            return .json(200, .object(["offsetSeconds": .number(timeOffset)]), requestId: requestId)
        default:
            return .error(.unknownOperation(request.method, request.path), requestId: requestId)
        }
    }

    private func settingsResponse(_ requestId: String) -> EmulatorResponse {
        let data = (try? JSONEncoder().encode(settings)) ?? Data("{}".utf8)
        return EmulatorResponse(
            status: 200, headers: [("Content-Type", "application/json"), ("x-amzn-RequestId", requestId)],
            chunks: [Array(data)])
    }
}
