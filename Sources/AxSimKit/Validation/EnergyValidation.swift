import Energy
import FlexFlow
import Trace

/// `axsim energy validate`: predicts every published figure of `PublishedFigure.all` with the
/// bundled configs, tables and traces, without fitting to any of them.
public enum EnergyValidation {
  /// One figure with its prediction.
  public struct Row: Sendable, Equatable {
    /// The published figure.
    public var figure: PublishedFigure
    /// What AxSim predicts.
    public var predicted: Double
    /// The error in the bound's measure.
    public var error: Double { figure.error(of: predicted) }
    /// Whether the error lies within the bound.
    public var holds: Bool { figure.holds(predicted) }
  }

  /// The FlexFlow traces of the Table 6 workloads whose shapes are public, relative to the
  /// repository: LeNet-5 (LeCun et al. 1998), AlexNet's convolutions (SCALE-Sim's topology)
  /// and VGG-16's convolutions (Simonyan & Zisserman 2015, configuration D, padding as input size).
  public static let flexflowTraces = [
    "LeNet-5": "traces/lenet5.json", "AlexNet": "traces/scalesim/alexnet.csv", "VGG": "traces/vgg16-conv.csv",
  ]

  /// Predicts every figure, reading configs and traces under `root` (the repository).
  public static func run(root: String) throws(AxSimError) -> [Row] {
    func path(_ relative: String) -> String { root == "." ? relative : root + "/" + relative }
    var predictions: [String: Double] = [:]

    // AxNN: QCNPE with every NCU busy (one fold of a long reduction), at 16 and at 2 bits.
    var qcnpe = try InputLoader.configuration(path("configs/qcnpe-16x16.json"))
    let qcnpeTable = try InputLoader.energyTable(qcnpe.energyTablePath)
    func enginePower(bits: Int) throws(AxSimError) -> Double {
      qcnpe.precisionOverride = LayerPrecision(inputBits: bits, weightBits: bits)
      let report = try Simulation.run(
        configuration: qcnpe, trace: fullActivityGEMM, tracePath: "full-activity GEMM", energyTable: qcnpeTable)
      let engine = report.components.filter { !$0.name.hasPrefix("sram") }.reduce(0) { $0 + $1.energyPJ }
      return engine / report.totals.timeNS
    }
    let full = try enginePower(bits: 16)
    let lowest = try enginePower(bits: 2)
    predictions["axnn.fig4.power"] = full
    predictions["axnn.saving.0.5"] = full / lowest
    predictions["axnn.saving.7.5"] = full / lowest

    // FlexFlow: Table 6's power split and Fig. 15's utilisation.
    let flexflow = try InputLoader.configuration(path("configs/flexflow-16x16.json"))
    let flexflowTable = try InputLoader.energyTable(flexflow.energyTablePath)
    for workload in PublishedFigure.flexflowWorkloads {
      guard let tracePath = flexflowTraces[workload.name] else { continue }
      let trace = try InputLoader.trace(path(tracePath))
      let report = try Simulation.run(
        configuration: flexflow, trace: trace, tracePath: path(tracePath), energyTable: flexflowTable)
      var groups: [PowerGroup: Double] = [:]
      for component in report.components {
        groups[PowerGroup.of(component: component.name), default: 0] += component.energyPJ / report.totals.timeNS
      }
      let key = workload.name.lowercased().replacingOccurrences(of: "-", with: "")
      predictions["flexflow.table6.\(key).total"] = report.totals.powerMW
      predictions["flexflow.table6.\(key).nein"] = groups[.neuronIn] ?? 0
      predictions["flexflow.table6.\(key).neout"] = groups[.neuronOut] ?? 0
      predictions["flexflow.table6.\(key).kerin"] = groups[.kernelIn] ?? 0
      predictions["flexflow.table6.\(key).com"] = groups[.compute] ?? 0
      var macs = 0
      var cycles = 0
      for (layer, line) in zip(trace.layers, report.layers) {
        if case .conv2d = layer.operation {
          macs += line.figures.macCount
          cycles += line.figures.cycles
        }
      }
      predictions["flexflow.fig15.\(key)"] = cycles > 0 ? 100 * Double(macs) / Double(cycles * report.processingElements) : 0
    }

    // CANNA Table I: the multiplier energy of a run in which a fraction h of products hit,
    // relative to exact multipliers: (1 − h)·miss/exact + h·hit/exact (the GPU model's
    // ledger counts exactly that; CANNAValidationTests checks it on the simulated MLP).
    let gpu = try InputLoader.configuration(path("configs/gpu-si.json"))
    let gpuTable = try InputLoader.energyTable(gpu.energyTablePath)
    func multiply(_ action: String) throws(AxSimError) -> Double {
      guard let entry = gpuTable.entries.first(where: { $0.component == "simd.fpu.multiplier" && $0.action == action }) else {
        throw .input(file: gpu.energyTablePath, message: "has no simd.fpu.multiplier \(action) entry")
      }
      return entry.energyPJ
    }
    let exact = try multiply("multiply_exact")
    let hit = try multiply("multiply_canna_hit")
    let miss = try multiply("multiply_canna_miss")
    for row in PublishedFigure.cannaTableI {
      predictions["canna.table1.\(row.bits)bits"] = ((1 - row.hitRate) * miss + row.hitRate * hit) / exact
    }

    return PublishedFigure.all.compactMap { figure in
      predictions[figure.id].map { Row(figure: figure, predicted: $0) }
    }
  }

  /// A 16 × 16 × 65,536 GEMM: on a 16×16 QCNPE one fold whose skew ramps are 0.05 % of it.
  static let fullActivityGEMM = NetworkTrace(
    name: "full-activity-gemm", topology: .independent, provenance: Provenance(source: "axsim energy validate"),
    layers: [
      TraceLayer(
        name: "gemm", operation: .gemm(GEMMShape(m: 16, n: 16, k: 65_536)), activation: .identity,
        precision: LayerPrecision(inputBits: 16, weightBits: 16))
    ])
}
