import AWSClient
import Foundation
import Manifest
import TestSupport
import Testing
import YAML

@testable import Reconciler

/// Each kind's reconciler unit answers for its own kind's resources, and for no other's: what the
/// units are handed is every manifest resource, routed by `kind`.
@Suite struct KindUnitTests {
    static let source = Mark(file: "kinds.yaml", line: 1, column: 1)
    static let modelArn = "arn:aws:bedrock:us-east-1:000000000000:custom-model/m/abcdefghijkl"
    static let profileSource = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"

    /// One resource of every kind, each with a tag.
    static func resources(tag: String = "a") -> [ManifestResource] {
        [
            .provisionedThroughput(
                .init(
                    name: "pt", modelId: "amazon.titan-text-express-v1", modelUnits: 1, tags: ["t": tag], source: source
                )
            ),
            .modelImportJob(
                .init(
                    name: "job", importedModelName: "imported", roleArn: "arn:aws:iam::000000000000:role/r",
                    s3Uri: "s3://b/w/", jobTags: ["t": tag], source: source)),
            .customModelDeployment(.init(name: "dep", modelArn: modelArn, tags: ["t": tag], source: source)),
            .inferenceProfile(.init(name: "prof", copyFrom: profileSource, tags: ["t": tag], source: source)),
        ]
    }

    @Test func everyKindIsHere() {
        #expect(Set(Self.resources().map(\.kind)) == Set(PlanAction.Kind.allCases))
    }

    /// A resource is its kind's spec: equal and hashed as the spec, given back only as its own type.
    @Test func aResourceIsItsSpecAndNoOtherKinds() {
        let one = Self.resources(tag: "a")
        let same = Self.resources(tag: "a")
        let other = Self.resources(tag: "b")
        #expect(one == same && Set(one).count == one.count)
        #expect(Set(one.map(\.hashValue)) == Set(same.map(\.hashValue)))
        for (a, b) in zip(one, other) { #expect(a != b, "\(a.kind): a changed tag") }
        #expect(one[0].spec(ProvisionedThroughputSpec.self)?.name == "pt")
        #expect(one[0].spec(ModelImportJobSpec.self) == nil)
        #expect(one[1].spec(ModelImportJobSpec.self)?.importedModelName == "imported")
        #expect(one[3].spec(InferenceProfileSpec.self)?.copyFrom == Self.profileSource)
        #expect(one[2] != one[3])
    }

    /// Every record a unit names has a table of its own in `LiveState`, under a member of its own,
    /// and the digest sorts each table: the same records in another order give the same digest.
    @Test func everyLiveRecordHasItsOwnTableAndTheDigestSortsEach() throws {
        let kinds = LiveState.recordKinds
        #expect(Set(kinds.map { ObjectIdentifier($0) }).count == kinds.count, "a record named by two units")
        #expect(Set(kinds.map { $0.stateKey }).count == kinds.count)
        #expect(
            Set(kinds.map { $0.stateKey })
                == ["throughputs", "importJobs", "importedModels", "deployments", "inferenceProfiles"])
        func empty<T: LiveRecord>(_ kind: T.Type) -> Bool { LiveState(region: "us-east-1")[kind].isEmpty }
        #expect(kinds.allSatisfy { empty($0) })
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        func profile(_ id: String) -> LiveState.InferenceProfile {
            LiveState.InferenceProfile(
                arn: "arn:aws:bedrock:us-east-1:000000000000:application-inference-profile/\(id)", name: id,
                id: id, description: nil, models: [], creationTime: date, tags: [:])
        }
        var forward = LiveState(region: "us-east-1")
        forward.inferenceProfiles = [profile("a"), profile("b")]
        var backward = LiveState(region: "us-east-1")
        backward.inferenceProfiles = [profile("b"), profile("a")]
        let all = Set(forward.inferenceProfiles.map(\.arn))
        #expect(forward.digests(of: all) == backward.digests(of: all))
        #expect(forward != backward, "equality keeps the order; only the digests sort")
        let reread = try JSONDecoder().decode(LiveState.self, from: JSONEncoder().encode(forward))
        #expect(reread == forward && reread.hashValue == forward.hashValue)
        #expect(forward.digests(of: all) != LiveState(region: "us-east-1").digests(of: all))
        #expect(forward.digests(of: [all.min()!]).count == 1, "only the ARNs asked for")
    }

    @Test func eachUnitWantsTheNamesOfItsOwnKindOnly() {
        for resource in Self.resources() {
            for kind in PlanAction.Kind.allCases {
                let names = kind.unit.wantedNames(of: resource)
                #expect(names.isEmpty == (kind != resource.kind), "\(kind) of \(resource.kind): \(names)")
            }
        }
        let wanted = WantedNames(Self.resources())
        #expect(wanted.of(.provisionedThroughput) == ["pt", Planner.temporaryName("pt")])
        #expect(wanted.of(.modelImportJob) == ["job:job", "model:imported"])
        #expect(wanted.of(.customModelDeployment) == ["dep"])
        #expect(wanted.of(.inferenceProfile) == ["prof"])
    }

    @Test func aRetriedImportJobIsWantedWithItsJobAndAModelNameIsNotAJobName() {
        let wanted = WantedNames(Self.resources()).of(.modelImportJob)
        #expect(ImportJobKind.wantsJob("job", in: wanted))
        #expect(ImportJobKind.wantsJob("job-r3", in: wanted))
        #expect(!ImportJobKind.wantsJob("job-rx", in: wanted))
        #expect(!ImportJobKind.wantsJob("imported", in: wanted))
    }

    @Test func digestLinesAreTheKindsOwnAndFollowTheSpec() {
        let lines = Self.resources().map { $0.kind.unit.digestLine($0) }
        #expect(!lines.contains(""))
        #expect(Set(lines.map { $0.prefix { $0 != " " } }).count == lines.count, "\(lines)")
        let retagged = Self.resources(tag: "b").map { $0.kind.unit.digestLine($0) }
        for (line, changed) in zip(lines, retagged) { #expect(line != changed) }
        #expect(Tokens.manifestDigest(Self.resources()) != Tokens.manifestDigest(Self.resources(tag: "b")))
    }

    @Test func aKindWithoutASmokeTestSaysSoWithoutACall() async throws {
        let job = Self.resources()[1]
        let transport = ScriptedTransport([])
        let result = try await job.kind.unit.invocable(job, bedrock: Clients.bedrock(transport))
        guard case .failure(let why) = result else {
            Issue.record("a ModelImportJob answered \(result)")
            return
        }
        #expect(why.message == "job: a ModelImportJob has no smoke test")
        #expect(transport.requests.isEmpty)
    }
}
