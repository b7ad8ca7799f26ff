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
// It reports wall time per network in fast fidelity; simulated NCU-, PE-cycles and wavefront
// instructions per second in cycle fidelity, by array and network size; the event kernel's
// events per second; the NN engine's training time; the process's peak memory; and, last,
// the three cycle-fidelity rates the project targets. Rates divide by the simulating
// thread's CPU time (on an idle machine its wall time; other load inflates wall time, not
// CPU time); wall-time rates are printed beside them. docs/performance.md records runs.

let arguments = Array(CommandLine.arguments.dropFirst())
let repeats = arguments.firstIndex(of: "--repeat").flatMap { arguments.count > $0 + 1 ? Int(arguments[$0 + 1]) : nil } ?? 3
let quick = arguments.contains("--quick")
let root = FileManager.default.currentDirectoryPath
var headlines: [Headline] = []

func loadTrace(_ path: String) -> NetworkTrace {
  if path.hasPrefix("gemm ") {
    let sizes = path.dropFirst(5).split(separator: "x").compactMap { Int($0) }
    return NetworkTrace(
      name: path, topology: .independent, provenance: Provenance(source: "axsim-bench"),
      layers: [TraceLayer(name: "gemm", operation: .gemm(GEMMShape(m: sizes[0], n: sizes[1], k: sizes[2])))])
  }
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

func rateLine(_ label: String, cycles: Int, elements: Double, unit: String, timing: Timing) -> String {
  let work = Double(cycles) * elements
  return label.padded(44) + String(cycles).leftPadded(11) + " cycles " + sci(work).leftPadded(9) + " \(unit) "
    + String(format: "%8.4f s CPU %8.4f s wall", timing.cpu, timing.wall) + "  " + sci(work / timing.cpu).leftPadded(8)
    + " /s (wall " + sci(work / timing.wall) + ")"
}

print("AxSim benchmark (release build expected; best of \(repeats)\(quick ? ", quick" : ""))")
print("")
print("fast fidelity: wall time per network")
print("network".padded(34) + "array     cycles            MACs    wall (ms)")
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
      let timing = Timing(repeats) {
        let run = QCNPEArray.simulate(config: config, plans: layerPlans, fidelity: .fast)
        cycles = run.result.totalCycles
        blackHole(run)
      }
      let macs = layerPlans.reduce(0) { $0 + $1.macCount }
      let label = trace.name + (bandwidth == 2 * side ? "" : " (B=\(bandwidth ?? 0))")
      print(
        label.padded(34) + "\(side)x\(side)".padded(10) + String(cycles).leftPadded(12) + String(macs).leftPadded(16)
          + String(format: "%13.3f", timing.wall * 1000))
    }
  }
}

print("")
print("QCNPE cycle fidelity: NCU-cycles (rows x cols x simulated cycles) per second, one core")
let qcnpeWorkloads =
  ["gemm 256x256x2048", "traces/mlp-784-128-128-10-b64.json", "traces/lenet5.json"]
  + (quick ? [] : ["traces/scalesim/alexnet.csv", "traces/scalesim/Resnet50.csv"])
var qcnpeRates: [String: Double] = [:]
for path in qcnpeWorkloads {
  let trace = loadTrace(path)
  for side in quick ? [16, 64] : [16, 32, 64, 128] {
    let config = QCNPEConfig(rows: side, cols: side, memoryWordsPerCycle: 2 * side)
    let layerPlans = plans(trace, config)
    var cycles = 0
    let timing = Timing(path.contains("Resnet50") || path.contains("alexnet") ? 1 : repeats) {
      let run = QCNPEArray.simulate(config: config, plans: layerPlans, fidelity: .cycle)
      cycles = run.result.totalCycles
      blackHole(run)
    }
    print(
      rateLine(
        "\(trace.name) on \(side)x\(side)", cycles: cycles, elements: Double(config.ncuCount), unit: "NCU-cycles", timing: timing)
    )
    let rate = Double(cycles) * Double(config.ncuCount) / timing.cpu
    qcnpeRates["\(trace.name) \(side)"] = rate
    if (path.hasPrefix("gemm") || path.contains("b64")) && (side == 16 || side == 64) {
      headlines.append(Headline(label: "QCNPE \(trace.name) on \(side)x\(side)", rate: rate, target: 3e9, unit: "NCU-cycles/s"))
    }
  }
}

print("")
print("FlexFlow: fast fidelity wall time; cycle fidelity PE-cycles (side^2 x simulated cycles) per second, one core")
let flexflowCases =
  ["traces/lenet5.json", "traces/mlp-784-128-128-10-b64.json"]
  + (quick ? [] : ["traces/scalesim/alexnet.csv", "traces/scalesim/Resnet50.csv"])
for path in flexflowCases {
  let trace = loadTrace(path)
  for side in quick ? [16, 64] : [16, 32, 64] {
    var config = FlexFlowConfig()
    config.side = side
    guard let plan = try? FlexFlowMapper.plan(trace, on: config) else {
      print("\(trace.name) does not map on FlexFlow \(side)x\(side)")
      continue
    }
    var cycles = 0
    let fast = Timing(repeats) {
      let run = FlexFlowArray.simulate(config: config, plan: plan, fidelity: .fast)
      cycles = run.result.totalCycles
      blackHole(run)
    }
    let big = path.contains("Resnet50") || path.contains("alexnet")
    let timing = Timing(big ? 1 : repeats) { blackHole(FlexFlowArray.simulate(config: config, plan: plan, fidelity: .cycle)) }
    print(
      rateLine(
        "\(trace.name) on \(side)x\(side) (fast \(String(format: "%.3f", fast.wall * 1000)) ms)", cycles: cycles,
        elements: Double(side * side), unit: "PE-cycles", timing: timing))
    if side == 16 {
      headlines.append(
        Headline(
          label: "FlexFlow \(trace.name) on 16x16", rate: Double(cycles * side * side) / timing.cpu, target: 1e9,
          unit: "PE-cycles/s"))
    }
  }
}

print("")
print("GPU (HD 7970): wavefront instructions per second, one core")
let gpuTrace = loadTrace("traces/mlp-784-500-500-10.json")
for units in quick ? [32] : [8, 32] {
  for (label, batch, training) in [
    ("inference, batch 1", 1, false), ("inference, batch 10", 10, false), ("training step, batch 10", 10, true),
  ] {
    var trace = gpuTrace
    for index in trace.layers.indices { trace.layers[index].batch = batch }
    var config = GPUConfig()
    config.training = training
    config.computeUnits = units
    var line = "mlp-784-500-500-10 \(label), \(units) CUs".padded(44)
    for fidelity in [Fidelity.cycle, .fast] {
      do {
        let gpuPlans = try GPUMapper.plan(trace, on: config)
        var instructions: UInt64 = 0
        let timing = try Timing(repeats) {
          let device = try GPUDevice.simulate(config: config, plans: gpuPlans, fidelity: fidelity)
          instructions = device.wavefrontInstructions
          blackHole(device)
        }
        let rate = Double(instructions) / timing.cpu
        line += " \(fidelity.rawValue): \(sci(Double(instructions))) wf-instr, \(String(format: "%.3f", timing.cpu)) s CPU, "
        line += "\(sci(rate)) /s (wall \(sci(Double(instructions) / timing.wall)))"
        if fidelity == .cycle && units == 32 {
          headlines.append(Headline(label: "GPU \(label), 32 CUs", rate: rate, target: 1e7, unit: "wf-instr/s"))
        }
      } catch {
        line += "  \(fidelity.rawValue): \(error)"
      }
    }
    print(line)
  }
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
    let timing = try Timing(repeats) {
      var network = try specification.build(
        name: "bench", inputShape: data.train.sampleShape, classes: data.train.classes, seed: 1)
      try Trainer(configuration: TrainingConfiguration(epochs: epochs, seed: 1)).train(&network, on: data.train)
      var context = EvaluationContext(seed: 0)
      accuracy = try network.accuracy(on: data.test, context: &context)
    }
    let stages = entry.convolution.map { $0 + "," } ?? ""
    let label = "\(entry.dataset) \(stages)\(entry.dense)".padded(56)
    let perEpoch = timing.wall / Double(epochs) * 1000
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
let kernelTiming = Timing(repeats) {
  var model = PingPong(remaining: events)
  var queue = EventQueue<PingPong.Event>(reservingCapacity: 300)
  var ledger = ActivityLedger(widthArities: [])
  for seed in 0..<256 { queue.schedule(.ping(UInt32(seed)), at: Cycle(UInt64(seed))) }
  blackHole(runSimulation(&model, queue: &queue, ledger: &ledger))
}
print("\(sci(Double(events) / kernelTiming.cpu)) events/s (\(events) events, 256 pending)")
print("")
print(String(format: "peak memory: %.1f MB", peakMemoryMB()))
print("")
print("targets (cycle fidelity, one core, rates per CPU second):")
for headline in headlines {
  let verdict = headline.rate >= headline.target ? "meets" : "BELOW"
  print(
    "  " + headline.label.padded(44) + sci(headline.rate).leftPadded(9)
      + " \(headline.unit)  \(verdict) the target \(sci(headline.target))")
}
