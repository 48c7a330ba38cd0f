import Foundation
import TestSupport
import Testing

@testable import BedrockEmulator

/// Each REST route is declared beside what it serves, by the service model's words: its
/// operation's method and `requestUri` are compared with botocore's copies of the bedrock and
/// bedrock-runtime models, and every route is reached by a request shaped as its URI.
@Suite struct RouteTests {
    struct HTTPTrait: Decodable, Equatable {
        var method: String
        var requestUri: String
    }

    /// The HTTP trait of every operation of both models, by operation name.
    static func modelRoutes() throws -> [String: HTTPTrait] {
        let script = """
            import botocore, gzip, json, os
            root = os.path.join(os.path.dirname(botocore.__file__), 'data')
            out = {}
            for path in ('bedrock/2023-04-20/service-2.json', 'bedrock-runtime/2023-09-30/service-2.json'):
                full = os.path.join(root, path)
                model = json.load(open(full) if os.path.exists(full) else gzip.open(full + '.gz'))
                for name, op in model['operations'].items():
                    out[name] = {'method': op['http']['method'], 'requestUri': op['http']['requestUri']}
            print(json.dumps(out))
            """
        return try JSONDecoder().decode([String: HTTPTrait].self, from: Python.run(script, requiring: ["botocore"]))
    }

    @Test func everyRouteIsItsOperationsInTheServiceModel() throws {
        let model = try Self.modelRoutes()
        #expect(model.count > 50, "botocore's models were read")
        for route in Emulator.routes {
            let trait = try #require(model[route.operation.name], "\(route.operation.name) is in no service model")
            #expect(
                HTTPTrait(method: route.method, requestUri: route.requestUri) == trait, "\(route.operation.name)")
        }
    }

    @Test func operationsAndRoutesAreOneEach() {
        let names = Emulator.routes.map(\.operation.name)
        #expect(Set(names).count == names.count, "an operation is routed twice")
        #expect(Set(EmulatorOperation.names).count == EmulatorOperation.allCases.count)
        for name in names { #expect(EmulatorOperation(rawValue: name)?.name == name) }
        #expect(EmulatorOperation(rawValue: "CreateNothing") == nil)
    }

    /// A request shaped as each route's URI, labels filled in, reaches that route and no other.
    @Test func everyRouteIsReachedByItsOwnURI() throws {
        for route in Emulator.routes {
            let segments = route.requestUri.split(separator: "/").map {
                $0.hasPrefix("{") ? "arn:aws:bedrock:us-east-1:000000000000:x/y" : String($0)
            }
            let (found, labels) = try #require(Emulator.route(method: route.method, segments: segments))
            #expect(found.operation == route.operation)
            #expect(labels.count == route.requestUri.count(where: { $0 == "{" }))
        }
        #expect(Emulator.route(method: "PUT", segments: ["provisioned-model-throughput"]) == nil)
        #expect(Emulator.route(method: "GET", segments: ["provisioned-model-throughput", "a", "b"]) == nil)
    }
}
