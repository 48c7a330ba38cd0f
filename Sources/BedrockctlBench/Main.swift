import Foundation
import Manifest
import YAML

/// `swift run -c release BedrockctlBench`: measures the manifest pipeline against a raw libyaml
/// event scan of the same bytes, in one run, and prints the ratios.
@main
enum Main {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        let resources = arguments.first.flatMap(Int.init) ?? 10_000
        let rounds = 15
        let bytes = Array(ManifestGenerator.stream(resources: resources).utf8)
        print("bedrockctl manifest benchmark: \(resources) resources, \(bytes.count) bytes, best of \(rounds) rounds")

        // Rounds interleave the three measurements so that a slow moment hits them alike.
        var raw = Double.infinity
        var parseOnly = Double.infinity
        var full = Double.infinity
        var serial = Double.infinity
        var fullCPU = Double.infinity
        var events = 0
        var loaded = 0
        for _ in 0..<rounds {
            raw = min(raw, try time { events = try YAMLEventScanner.countEvents(bytes) })
            parseOnly = min(
                parseOnly,
                try time {
                    let stream = YAMLParser.parse(bytes, file: "bench.yaml")
                    guard stream.errors.isEmpty else { throw BenchError(message: "\(stream.errors.prefix(3))") }
                })
            // The loaded set is what plan and apply go on to use, so it is released outside the clock.
            var set: ManifestSet?
            let cpuBefore = cpuTime()
            full = min(
                full,
                try time {
                    set = ManifestLoader.load([ManifestInput(path: "bench.yaml", bytes: bytes)])
                    guard set?.hasErrors == false else {
                        throw BenchError(message: "generated manifests are invalid: \(set!.diagnostics.prefix(3))")
                    }
                    loaded = set!.resources.count
                })
            fullCPU = min(fullCPU, cpuTime() - cpuBefore)
            set = nil
            serial = min(
                serial,
                try time {
                    set = ManifestLoader.load([ManifestInput(path: "bench.yaml", bytes: bytes)], pipelined: false)
                    guard set?.resources.count == resources else { throw BenchError(message: "serial load differs") }
                })
            set = nil
        }
        guard loaded == resources else { throw BenchError(message: "loaded \(loaded) of \(resources) resources") }

        let ratio = full / raw
        let serialRatio = serial / raw
        print(String(format: "raw libyaml event scan:        %8.2f ms  (%d events)", raw * 1000, events))
        print(String(format: "YAML node trees (strict):      %8.2f ms", parseOnly * 1000))
        print(String(format: "parse + decode + validate:     %8.2f ms  (%d resources)", full * 1000, loaded))
        print(String(format: "  CPU time of the same, both threads: %.2f ms", fullCPU * 1000))
        print(String(format: "  on one thread (no pipelining):      %.2f ms, %.2fx raw", serial * 1000, serialRatio))
        print(String(format: "ratio full / raw:              %8.2fx  (target: at most 2.00x)", ratio))
        print(String(format: "resources per second:          %8.0f", Double(loaded) / full))
        print(String(format: "throughput:                    %8.1f MB/s", Double(bytes.count) / full / 1_000_000))
        print("peak memory (VmHWM):           \(peakMemory())")
        print(ratio <= 2.0 ? "result: PASS" : "result: FAIL (full pipeline is over 2x the raw scan)")
    }

    static func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func cpuTime() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
            usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func peakMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return "unknown" }
        return line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
