import AxJSON
import AxSimKit
import Foundation
import QCNPE
import TestSupport
import Testing

/// Waveforms and timelines are checked by parsing them back, as GTKWave and Perfetto would.
@Suite(.serialized) struct ObservationTests {
  let directory: String = {
    let path = NSTemporaryDirectory() + "axsim-observe-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  func write(_ name: String, _ text: String) -> String {
    let path = directory + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  /// A small config: 3×4 array, starved memory so that stalls appear in the window.
  func smallRun(extra: [String]) throws -> (Int32, Capture) {
    let config = write(
      "small.json",
      #"{"model": "qcnpe", "qcnpe": {"rows": 3, "cols": 4, "memoryWordsPerCycle": 3, "fifoDepth": 4}, "energyTable": "\#(RepositoryPaths.path("configs/energy/qcnpe-45nm.json"))"}"#
    )
    let trace = write(
      "small-trace.json",
      #"{"format": "axsim-trace", "version": 1, "name": "small", "layers": [{"name": "fc1", "op": "dense", "inputs": 7, "outputs": 6, "batch": 5, "activation": "relu", "precision": {"input_bits": 12, "weight_bits": 8}}]}"#
    )
    let capture = Capture()
    return (CommandLineTool.main(["run", config, "--trace", trace] + extra, console: capture.console), capture)
  }

  @Test func vcdParsesBackAndItsAccumulatorHoldsTheDotProduct() throws {
    let vcd = directory + "/small.vcd"
    let (code, capture) = try smallRun(extra: ["--vcd", vcd, "--window", "0:400", "--format", "json"])
    #expect(code == 0, "\(capture.err)")
    let parsed = try VCDParser(text: try String(contentsOfFile: vcd, encoding: .utf8))
    #expect(parsed.timescale == "1ns")
    #expect(parsed.variables.count == QCNPEConfig.signalCount(rows: 3, cols: 4))
    #expect(parsed.times == parsed.times.sorted())
    // NCU(0,0) of the first fold sees GEMM row 0 and neuron 0: after its K = 7 products its
    // accumulator must equal the dot product of the truncated operands.
    let operands = SynthesizedOperands(seed: 1, wordBits: 16)
    var expected: Int64 = 0
    for k in 0..<7 {
      expected +=
        Int64(operands.truncate(operands.input(layer: 0, row: 0, k: k), toBits: 12))
        * Int64(operands.truncate(operands.weight(layer: 0, k: k, neuron: 0), toBits: 8))
    }
    let accumulator = try #require(parsed.identifier(scope: "qcnpe.ncu_r0_c0", name: "acc"))
    let valid = try #require(parsed.identifier(scope: "qcnpe.ncu_r0_c0", name: "valid"))
    let accValues = parsed.changes(of: accumulator)
    // The 40-bit accumulator is written as an unsigned bit pattern.
    let mask: Int64 = (1 << 40) - 1
    #expect(accValues.contains { $0.value == expected & mask }, "expected \(expected)")
    // valid rises once per fold and stays high for exactly K steps plus any stalls in between.
    #expect(parsed.changes(of: valid).first?.value == 1)
    let stall = try #require(parsed.identifier(scope: "qcnpe", name: "stall"))
    #expect(parsed.changes(of: stall).contains { $0.value == 1 }, "starved memory stalls inside the window")
  }

  @Test func vcdNeedsCycleFidelity() throws {
    let (code, capture) = try smallRun(extra: ["--vcd", directory + "/x.vcd", "--fidelity", "fast"])
    #expect(code == 2)
    #expect(capture.err.contains("needs --fidelity cycle"))
  }

  @Test func timelineIsValidTraceEventJSONCoveringEveryCycle() throws {
    let timeline = directory + "/small.timeline.json"
    let report = directory + "/small.report.json"
    let (code, capture) = try smallRun(extra: ["--timeline", timeline, "--format", "json", "--output", report])
    #expect(code == 0, "\(capture.err)")
    let document = try JSONParser.parse(try String(contentsOfFile: timeline, encoding: .utf8))
    guard case .array(let events) = document["traceEvents"] ?? .null else {
      Issue.record("no traceEvents")
      return
    }
    for event in events {
      let phase = event["ph"]
      #expect(phase == "X" || phase == "M" || phase == "C")
      if phase == "X" {
        #expect((event["ts"]?.doubleValue ?? -1) >= 0)
        #expect((event["dur"]?.doubleValue ?? -1) >= 0)
      }
    }
    let layers = events.filter { $0["cat"] == "layer" }
    let totalMicros = layers.reduce(0) { $0 + ($1["dur"]?.doubleValue ?? 0) }
    let cycles = try JSONParser.parse(try String(contentsOfFile: report, encoding: .utf8))["totals"]?["cycles"]?.doubleValue ?? 0
    #expect(abs(totalMicros - cycles / 1000) < 1e-9)
    let folds = events.filter { $0["cat"] == "fold" }
    #expect(folds.count == 2 * 2, "M=5 on 3 rows, N=6 on 4 columns: 2 x 2 folds")
    let stalls = folds.reduce(0) { $0 + ($1["args"]?["stall_cycles"]?.doubleValue ?? 0) }
    #expect(stalls > 0)
  }

  @Test(arguments: ["configs/flexflow-16x16.json", "configs/gpu-si.json"])
  func timelinesOfTheOtherModelsTileEachLayerWithItsPhases(config: String) throws {
    let timeline = directory + "/" + (config.split(separator: "/").last.map(String.init) ?? "run") + ".timeline.json"
    let capture = Capture()
    let code = CommandLineTool.main(["run", RepositoryPaths.path(config), "--timeline", timeline], console: capture.console)
    #expect(code == 0, "\(capture.err)")
    let document = try JSONParser.parse(try String(contentsOfFile: timeline, encoding: .utf8))
    guard case .array(let events) = document["traceEvents"] ?? .null else {
      Issue.record("no traceEvents")
      return
    }
    let layers = events.filter { $0["cat"] == "layer" }
    #expect(!layers.isEmpty)
    for layer in layers {
      // The phases of a layer, back to back, cover it exactly: they start where it starts
      // and their durations add up to its own.
      guard case .string(let name) = layer["name"] ?? .null else { continue }
      let phases = events.filter { event in
        guard event["cat"] == "phase", case .string(let phaseName) = event["name"] ?? .null else { return false }
        return phaseName.hasPrefix(name + " ")
      }
      let start = layer["ts"]?.doubleValue ?? -1
      let duration = layer["dur"]?.doubleValue ?? -1
      let covered = phases.reduce(0) { $0 + ($1["dur"]?.doubleValue ?? 0) }
      #expect(abs(covered - duration) < 1e-9 * max(1, duration), "\(name): phases \(covered) µs, layer \(duration) µs")
      if let first = phases.first { #expect(abs((first["ts"]?.doubleValue ?? -1) - start) < 1e-9) }
    }
  }

  @Test func reportChartIsWellFormedSVGWithLabelsAndLegend() throws {
    let svg = directory + "/plot.svg"
    let (code, _) = try smallRun(extra: ["--plot", svg])
    #expect(code == 0)
    let text = try String(contentsOfFile: svg, encoding: .utf8)
    #expect(XMLCheck.isWellFormed(text))
    for label in ["energy per layer (nJ)", "utilization (%)", "layer", "ncu.multiplier", "leakage.ncu", "sram"] {
      #expect(text.contains(label), "\(label)")
    }
  }

  @Test func diffShowsPerComponentAndPerLayerChanges() throws {
    let exact = directory + "/exact.json"
    let approximate = directory + "/approx.json"
    #expect(try smallRun(extra: ["--format", "json", "--output", exact]).0 == 0)
    #expect(try smallRun(extra: ["--format", "json", "--output", approximate, "--precision", "6"]).0 == 0)
    let capture = Capture()
    #expect(CommandLineTool.main(["diff", exact, approximate], console: capture.console) == 0)
    let lines = capture.out.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("ncu.multiplier") && $0.contains("%") && $0.contains("-") })
    #expect(lines.contains { $0.hasPrefix("cycles") && $0.hasSuffix("+0.00%") })
    #expect(lines.contains { $0.hasPrefix("fc1") })
  }
}
