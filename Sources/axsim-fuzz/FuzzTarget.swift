import AxJSON
import AxProtobuf
import AxSimKit
import Energy
import FlexFlow
import Foundation
import GPUCompute
import ONNXImport
import QCNPE
import SimKernel
import Trace

/// The decoders a user's files reach, driven by arbitrary bytes. The first byte picks the
/// decoder (config, energy table, trace, SCALE-Sim topology, ONNX model); the rest is the file.
/// A trace that decodes or imports is also simulated on a small QCNPE, a small FlexFlow and a
/// small GPU in both fidelities, which must agree. Any crash, trap or disagreement is a
/// finding; a thrown error is the expected outcome for bad bytes.
enum FuzzTarget {
  /// Runs one input; returns a one-word outcome for replay mode.
  static func run(_ bytes: [UInt8]) -> String {
    guard let kind = bytes.first else { return "empty" }
    let body = Array(bytes.dropFirst())
    switch kind % 5 {
    case 0:
      guard let node = parse(body) else { return "syntax" }
      do {
        let configuration = try RunConfiguration(json: node, source: "fuzz.json")
        switch configuration.hardware {
        case .qcnpe(let config): precondition(config.problems.isEmpty)
        case .gpu(let config): precondition(config.problems.isEmpty)
        case .flexflow(let config): precondition(config.problems.isEmpty)
        }
        return "config"
      } catch { return "rejected" }
    case 1:
      guard let node = parse(body) else { return "syntax" }
      do {
        let table = try EnergyTable(json: node)
        _ = try? EnergyModel(table: table, schema: QCNPECounter.schema, binding: QCNPEConfig().energyBinding)
        _ = try? EnergyModel(table: table, schema: GPUCounter.schema, binding: GPUConfig().energyBinding)
        _ = try? EnergyModel(table: table, schema: FlexFlowCounter.schema, binding: FlexFlowConfig().energyBinding)
        return "table"
      } catch { return "rejected" }
    case 2:
      guard let node = parse(body) else { return "syntax" }
      do {
        let trace = try NetworkTrace(json: node)
        simulate(trace)
        return "trace"
      } catch { return "rejected" }
    case 4:
      walkProtobuf(body)
      do {
        let trace = try ONNXImporter.importTrace(bytes: body, file: "fuzz.onnx", options: ONNXImportOptions(batch: 2))
        // What the importer builds must pass the trace format's own checks and round-trip.
        try trace.validate()
        simulate(trace)
        return "onnx"
      } catch { return "rejected" }
    default:
      guard let text = String(validating: body, as: UTF8.self) else { return "not UTF-8" }
      do {
        let trace = try ScaleSimTopology.importTrace(csv: text, file: "fuzz.csv")
        simulate(trace)
        return "topology"
      } catch { return "rejected" }
    }
  }

  /// Reads every field of `bytes` as a protobuf message, descending into every
  /// length-delimited field that parses as one, whatever the schema: the reader's bounds and
  /// depth checks on shapes the ONNX schema would never reach.
  static func walkProtobuf(_ bytes: [UInt8]) {
    var pending = [ProtobufReader(bytes)]
    var budget = 100_000
    while var reader = pending.popLast(), budget > 0 {
      while budget > 0, let field = try? reader.nextField() {
        budget -= 1
        if case .lengthDelimited = field.value, let nested = try? reader.message(field, "fuzz") { pending.append(nested) }
        var values: [Int64] = []
        try? reader.appendInt64s(field, to: &values, limit: 1024, "fuzz")
        var words: [UInt32] = []
        try? reader.appendFixed32s(field, to: &words, limit: 1024, "fuzz")
        _ = try? reader.string(field, "fuzz")
      }
    }
  }

  static func parse(_ bytes: [UInt8]) -> JSONNode? {
    guard let value = try? JSONParser.parse(bytes) else { return nil }
    return JSONNode(root: value, file: "fuzz")
  }

  /// Simulates small traces on a 4×3 QCNPE with starved memory; both fidelities must agree.
  static func simulate(_ trace: NetworkTrace) {
    let config = QCNPEConfig(rows: 4, cols: 3, fifoDepth: 3, memoryWordsPerCycle: 2)
    guard let plans = try? QCNPEMapper.plan(trace, on: config) else { return }
    let macs = plans.reduce(0) { $0 + $1.macCount }
    guard macs <= 200_000 else { return }
    let fast = QCNPEArray.simulate(config: config, plans: plans, fidelity: .fast)
    let cycle = QCNPEArray.simulate(config: config, plans: plans, fidelity: .cycle)
    precondition(fast.layers == cycle.layers, "QCNPE fidelities disagree")

    var flexflow = FlexFlowConfig()
    flexflow.side = 4
    if let plan = try? FlexFlowMapper.plan(trace, on: flexflow) {
      let fast = FlexFlowArray.simulate(config: flexflow, plan: plan, fidelity: .fast).result
      let cycle = FlexFlowArray.simulate(config: flexflow, plan: plan, fidelity: .cycle).result
      precondition(fast.layers == cycle.layers, "FlexFlow fidelities disagree")
    }

    var gpu = GPUConfig()
    gpu.computeUnits = 2
    guard macs <= 20_000, let gpuPlans = try? GPUMapper.plan(trace, on: gpu) else { return }
    let gpuFast = try? GPUDevice.simulate(config: gpu, plans: gpuPlans, fidelity: .fast).result
    let gpuCycle = try? GPUDevice.simulate(config: gpu, plans: gpuPlans, fidelity: .cycle).result
    precondition(gpuFast?.layers == gpuCycle?.layers, "GPU fidelities disagree")
  }
}

#if FUZZING
  @_cdecl("LLVMFuzzerTestOneInput")
  func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
  ) -> Int32

  /// SwiftPM links an executable's entry point as `<module>_main`; libFuzzer drives the loop.
  @_cdecl("axsim_fuzz_main")
  func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in fuzzOneInput(data, size) }
  }
#else
  /// Without the fuzzer: replay inputs (`axsim-fuzz FILE...`), or write a seed corpus from the
  /// repository's configs, tables, traces and bad inputs (`axsim-fuzz --make-corpus DIR`).
  @main
  struct FuzzReplay {
    static func main() {
      let arguments = Array(CommandLine.arguments.dropFirst())
      if arguments.first == "--make-corpus", arguments.count == 2 {
        makeCorpus(into: arguments[1])
        return
      }
      for path in arguments {
        guard let data = FileManager.default.contents(atPath: path) else {
          print("\(path): unreadable")
          continue
        }
        print("\(path): \(FuzzTarget.run([UInt8](data)))")
      }
    }

    static func makeCorpus(into directory: String) {
      try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      var written = 0
      for (folder, kind) in [
        ("configs", UInt8(0)), ("configs/energy", 1), ("traces", 2), ("traces/scalesim", 3), ("traces/onnx", 4),
        ("Tests/EndToEndTests/BadInputs", 255),
      ] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in files.sorted() {
          guard let data = FileManager.default.contents(atPath: folder + "/" + file) else { continue }
          let prefix: UInt8 =
            kind != 255
            ? kind
            : file.hasPrefix("config")
              ? 0 : file.hasPrefix("table") ? 1 : file.hasPrefix("trace") ? 2 : file.hasPrefix("onnx") ? 4 : 3
          _ = FileManager.default.createFile(atPath: "\(directory)/seed-\(written)", contents: Data([prefix]) + data)
          written += 1
        }
      }
      print("wrote \(written) seeds to \(directory)")
    }
  }
#endif
