import AxSimKit
import FlexFlow
import Foundation
import GPUCompute
import NeuralEngine
import QCNPE
import SimKernel
import Trace

// AxSim's speed benchmark. Build and run in release:
//   swift run -c release axsim-bench [--repeat N] [--quick]
// It reports wall time per network in fast fidelity, simulated NCU-cycles per second in cycle
// fidelity, the event kernel's events per second, and the process's peak memory. Numbers and
// how they scale: docs/performance.md.

@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// The best of `repeats` timings of `body`, in seconds.
func best(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
  var fastest = Double.infinity
  let clock = ContinuousClock()
  for _ in 0..<repeats {
    let start = clock.now
    try body()
    fastest = min(fastest, seconds(clock.now - start))
  }
  return fastest
}

/// Peak resident memory of this process in MB (Linux /proc/self/status VmHWM).
func peakMemoryMB() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
  else { return .nan }
  return kilobytes / 1024
}

let arguments = Array(CommandLine.arguments.dropFirst())
let repeats = arguments.firstIndex(of: "--repeat").flatMap { arguments.count > $0 + 1 ? Int(arguments[$0 + 1]) : nil } ?? 3
let root = FileManager.default.currentDirectoryPath

func loadTrace(_ path: String) -> NetworkTrace {
  do {
    return try InputLoader.trace(root + "/" + path)
  } catch {
    print("axsim-bench: \(error.description) (run from the repository root)")
    exit(2)
  }
}

func plans(_ trace: NetworkTrace, _ config: QCNPEConfig) -> [QCNPELayerPlan] {
  do {
    return try QCNPEMapper.plan(trace, on: config)
  } catch {
    print("axsim-bench: \(error.description)")
    exit(2)
  }
}

print("AxSim benchmark (release build expected; best of \(repeats))")
print("")
print("fast fidelity: wall time per network")
print("network".padding(toLength: 34, withPad: " ", startingAt: 0) + "array     cycles            MACs    wall (ms)")
let networks = [
  "traces/mlp-784-128-128-10-b1.json", "traces/mlp-784-128-128-10-b64.json", "traces/lenet5.json",
  "traces/census-14-10-2.json", "traces/cifar-mlp-3072-1024-10.json", "traces/scalesim/Resnet50.csv",
]
for path in networks {
  let trace = loadTrace(path)
  for side in path.contains("Resnet50") ? [16, 128] : [16] {
    for bandwidth in path.contains("Resnet50") ? [Optional(2 * side), Optional(side / 2)] : [Optional(2 * side)] {
      let config = QCNPEConfig(rows: side, cols: side, memoryWordsPerCycle: bandwidth)
      let layerPlans = plans(trace, config)
      var cycles = 0
      let wall = best(repeats) {
        let run = QCNPEArray.simulate(config: config, plans: layerPlans, fidelity: .fast)
        cycles = run.result.totalCycles
        blackHole(run)
      }
      let macs = layerPlans.reduce(0) { $0 + $1.macCount }
      let label = trace.name + (bandwidth == 2 * side ? "" : " (B=\(bandwidth ?? 0))")
      print(
        label.padding(toLength: 34, withPad: " ", startingAt: 0)
          + "\(side)x\(side)".padding(toLength: 10, withPad: " ", startingAt: 0)
          + String(cycles).leftPadded(12) + String(macs).leftPadded(16) + String(format: "%13.3f", wall * 1000))
    }
  }
}

print("")
print("cycle fidelity: simulated NCU-cycles per second (one core)")
let cycleCases: [(String, Int)] =
  [
    ("traces/mlp-784-128-128-10-b64.json", 16), ("traces/lenet5.json", 16), ("traces/mlp-784-128-128-10-b64.json", 64),
    ("gemm 256x256x2048", 16), ("gemm 256x256x2048", 128),
  ] + (arguments.contains("--quick") ? [] : [("traces/scalesim/Resnet50.csv", 16), ("traces/scalesim/Resnet50.csv", 128)])
for (path, side) in cycleCases {
  let trace =
    path.hasPrefix("gemm")
    ? NetworkTrace(
      name: path, topology: .independent, provenance: Provenance(source: "axsim-bench"),
      layers: [TraceLayer(name: "gemm", operation: .gemm(GEMMShape(m: 256, n: 256, k: 2048)))])
    : loadTrace(path)
  let config = QCNPEConfig(rows: side, cols: side, memoryWordsPerCycle: 2 * side)
  let layerPlans = plans(trace, config)
  var cycles = 0
  let wall = best(path.contains("Resnet50") ? 1 : repeats) {
    let run = QCNPEArray.simulate(config: config, plans: layerPlans, fidelity: .cycle)
    cycles = run.result.totalCycles
    blackHole(run)
  }
  let ncuCycles = Double(cycles) * Double(config.ncuCount)
  print(
    "\(trace.name) on \(side)x\(side): \(cycles) cycles, \(String(format: "%.3g", ncuCycles)) NCU-cycles in "
      + String(format: "%.3f s = %.3g NCU-cycles/s", wall, ncuCycles / wall))
}

print("")
print("FlexFlow: wall time in fast fidelity, simulated PE-cycles per second in cycle fidelity (one core)")
let flexflowCases = ["traces/lenet5.json", "traces/mlp-784-128-128-10-b64.json", "traces/scalesim/Resnet50.csv"]
for path in flexflowCases {
  let trace = loadTrace(path)
  for side in path.contains("Resnet50") ? [16, 64] : [16] {
    var config = FlexFlowConfig()
    config.side = side
    guard let plan = try? FlexFlowMapper.plan(trace, on: config) else {
      print("axsim-bench: \(trace.name) does not map on FlexFlow \(side)x\(side)")
      continue
    }
    var cycles = 0
    let fastWall = best(repeats) {
      let run = FlexFlowArray.simulate(config: config, plan: plan, fidelity: .fast)
      cycles = run.result.totalCycles
      blackHole(run)
    }
    var line = "\(trace.name) on \(side)x\(side): \(cycles) cycles, fast " + String(format: "%.3f ms", fastWall * 1000)
    if !(arguments.contains("--quick") && path.contains("Resnet50")) {
      let cycleWall = best(path.contains("Resnet50") ? 1 : repeats) {
        blackHole(FlexFlowArray.simulate(config: config, plan: plan, fidelity: .cycle))
      }
      let peCycles = Double(cycles) * Double(side * side)
      line += String(format: ", cycle %.3f s = %.3g PE-cycles/s", cycleWall, peCycles / cycleWall)
    }
    print(line)
  }
}

print("")
print("GPU (HD 7970, 32 CUs): simulated wavefront-instructions per second (one core)")
let gpuTrace = loadTrace("traces/mlp-784-500-500-10.json")
for (label, batch, training) in [
  ("inference, batch 1", 1, false), ("inference, batch 10", 10, false), ("training step, batch 10", 10, true),
] {
  var trace = gpuTrace
  for index in trace.layers.indices { trace.layers[index].batch = batch }
  var config = GPUConfig()
  config.training = training
  var line = "mlp-784-500-500-10 " + label.padding(toLength: 26, withPad: " ", startingAt: 0)
  for fidelity in [Fidelity.cycle, .fast] {
    do {
      let gpuPlans = try GPUMapper.plan(trace, on: config)
      var instructions: UInt64 = 0
      var cycles = 0
      let wall = try best(repeats) {
        let device = try GPUDevice.simulate(config: config, plans: gpuPlans, fidelity: fidelity)
        instructions = device.wavefrontInstructions
        cycles = device.result.totalCycles
        blackHole(device)
      }
      line += "  \(fidelity.rawValue): \(cycles) cycles, "
      line += String(format: "%.3g wf-instr in %.3f s = %.3g wf-instr/s", Double(instructions), wall, Double(instructions) / wall)
    } catch {
      line += "  \(fidelity.rawValue): \(error)"
    }
  }
  print(line)
}

print("")
print("NN engine: training time per epoch (batch 32, SGD with momentum)")
let trainedNetworks: [(dataset: String, dense: String, convolution: String?)] = [
  ("digits", "64-32-10", nil), ("breast_cancer", "30-64-64-2", nil), ("digits", "64-32-10", "6c3p1,maxpool2,16c3p1,maxpool2"),
]
for entry in trainedNetworks {
  do {
    let data = try DatasetLoading.split(entry.dataset)
    let specification = try NetworkSpecification(dense: entry.dense, convolution: entry.convolution)
    let epochs = 10
    var accuracy = 0.0
    let wall = try best(repeats) {
      var network = try specification.build(
        name: "bench", inputShape: data.train.sampleShape, classes: data.train.classes, seed: 1)
      try Trainer(configuration: TrainingConfiguration(epochs: epochs, seed: 1)).train(&network, on: data.train)
      var context = EvaluationContext(seed: 0)
      accuracy = try network.accuracy(on: data.test, context: &context)
    }
    let stages = entry.convolution.map { $0 + "," } ?? ""
    let label = "\(entry.dataset) \(stages)\(entry.dense)".padding(toLength: 56, withPad: " ", startingAt: 0)
    let perEpoch = wall / Double(epochs) * 1000
    let detail = String(
      format: "%8.2f ms/epoch  (%d samples, test accuracy %.1f%% after %d epochs)", perEpoch, data.train.samples, accuracy * 100,
      epochs)
    print(label + detail)
  } catch {
    print("axsim-bench: \(error)")
  }
}

print("")
print("event kernel: events per second")
struct PingPong: EventDrivenModel {
  enum Event { case ping(UInt32), pong(UInt32) }
  var remaining: Int
  mutating func handle(_ event: Event, at now: Cycle, queue: inout EventQueue<Event>, ledger: inout ActivityLedger) {
    guard remaining > 0 else { return }
    remaining -= 1
    switch event {
    case .ping(let value): queue.schedule(.pong(value &+ 1), after: Cycle(UInt64(value % 7 + 1)))
    case .pong(let value): queue.schedule(.ping(value &* 3), after: Cycle(UInt64(value % 5)))
    }
  }
}
let events = 5_000_000
let kernelWall = best(repeats) {
  var model = PingPong(remaining: events)
  var queue = EventQueue<PingPong.Event>(reservingCapacity: 300)
  var ledger = ActivityLedger(widthArities: [])
  for seed in 0..<256 { queue.schedule(.ping(UInt32(seed)), at: Cycle(UInt64(seed))) }
  blackHole(runSimulation(&model, queue: &queue, ledger: &ledger))
}
print(String(format: "%.3g events/s (%d events, 256 pending)", Double(events) / kernelWall, events))
print("")
print(String(format: "peak memory: %.1f MB", peakMemoryMB()))

extension String {
  func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
