import Foundation

extension Emulator {
    /// What the service says while an evicted imported model loads (AWS re:Post knowledge
    /// center, "bedrock-imported-models-modelnotreadyexception").
    static let modelNotReadyMessage = "Model is not ready for inference. Wait and try your request again."

    /// Lets an invoke reach the imported model at `index`, or refuses it while the model loads.
    ///
    /// Bedrock evicts an imported model that has not been invoked for a while and restores it on
    /// the next invoke, answering ModelNotReadyException until it is back. Here a model is evicted
    /// after `idleEvictSeconds` of emulated time without an invoke (counted from its last answer, or
    /// from when it finished loading or was imported), and loads for `coldStartSeconds` from the
    /// first invoke after that.
    func admitInvoke(importedModelAt index: Int, now: Date) throws(EmulatorError) {
        var model = state.importedModels[index]
        if let until = model.loadingUntil {
            guard now >= until else { throw .modelNotReady(Self.modelNotReadyMessage) }
            model.loadingUntil = nil
            model.lastActive = until
        }
        let idleSince = model.lastActive ?? model.creationTime
        if let idle = settings.idleEvictSeconds, now.timeIntervalSince(idleSince) >= idle,
            settings.coldStartSeconds > 0
        {
            model.loadingUntil = now.addingTimeInterval(settings.coldStartSeconds)
            state.importedModels[index] = model
            log(
                "imported model \(model.name) was evicted after \(Int(idle)) s idle; "
                    + "loading for \(settings.coldStartSeconds) s")
            throw .modelNotReady(Self.modelNotReadyMessage)
        }
        model.lastActive = now
        state.importedModels[index] = model
    }
}
