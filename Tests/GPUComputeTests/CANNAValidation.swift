import AxJSON
import Energy
import GPUCompute
import SimKernel
import Trace

/// The CANNA Table I scenario: the MNIST MLP 784-500-500-10, one training step (forward,
/// backward, update) at CANNA's batch of 10, every multiply on CANNA's CFPU with n tuning
/// bits at the hit rates CANNA measured (Table IV, uniform approximation, MNIST).
enum CANNAValidation {
  /// CANNA Table I: tuning bits, normalised energy, normalised execution time.
  static let tableI: [(bits: Int, energy: Double, time: Double)] = [
    (4, 0.31, 0.45), (3, 0.25, 0.38), (2, 0.21, 0.34), (1, 0.18, 0.31), (0, 0.12, 0.19),
  ]

  /// CANNA Table IV hit rates (MNIST, uniform); 2 bits was not reported and is the midpoint
  /// of 3 and 1 bits.
  static func hitRate(tuningBits bits: Int) -> Double {
    switch bits {
    case 4: return 0.33
    case 3: return 0.42
    case 2: return 0.48
    case 1: return 0.54
    default: return 1.0
    }
  }

  /// One run's time and energy.
  struct Point: Sendable {
    var cycles: Int
    var totalEnergyPJ: Double
    var multiplierEnergyPJ: Double
    var fpuEnergyPJ: Double
  }

  /// The runs the validation compares, simulated in parallel: a name and its point.
  static func runAll(
    _ runs: [(name: String, mode: FPUMode, hitRate: Double, training: Bool)], batch: Int,
    latencyRules: [String: FPULatencyRule] = [:]
  ) async throws
    -> [String: Point]
  {
    let trace = try trace(batch: batch)
    let table = try energyTable()
    return try await withThrowingTaskGroup(of: (String, Point).self) { group in
      for run in runs {
        group.addTask {
          var config = GPUConfig()
          config.training = run.training
          if let rule = latencyRules[run.name] { config.latencyRule = rule }
          return (run.name, try CANNAValidation.run(trace, mode: run.mode, hitRate: run.hitRate, config: config, table: table))
        }
      }
      var points: [String: Point] = [:]
      for try await (name, point) in group { points[name] = point }
      return points
    }
  }

  /// The repository's MLP trace at `batch`.
  static func trace(batch: Int) throws -> NetworkTrace {
    let text = try Repository.text("traces/mlp-784-500-500-10.json")
    var trace = try NetworkTrace(json: JSONNode(root: JSONParser.parse(text), file: "mlp-784-500-500-10.json"))
    for index in trace.layers.indices { trace.layers[index].batch = batch }
    return trace
  }

  /// The repository's GPU energy table.
  static func energyTable() throws -> EnergyTable {
    let text = try Repository.text("configs/energy/gpu-si-45nm.json")
    return try EnergyTable(json: JSONNode(root: JSONParser.parse(text), file: "gpu-si-45nm.json"))
  }

  /// Runs `trace` with every multiply in `mode` at `hitRate` and prices it with `table`.
  static func run(
    _ trace: NetworkTrace, mode: FPUMode, hitRate: Double, config base: GPUConfig, table: EnergyTable,
    fidelity: Fidelity = .fast
  ) throws -> Point {
    var config = base
    config.multiplierOverride = mode
    config.hitRateOverride = hitRate
    let plans = try GPUMapper.plan(trace, on: config)
    let device = try GPUDevice.simulate(config: config, plans: plans, fidelity: fidelity)
    let model = try EnergyModel(table: table, schema: GPUCounter.schema, binding: config.energyBinding)
    var point = Point(cycles: 0, totalEnergyPJ: 0, multiplierEnergyPJ: 0, fpuEnergyPJ: 0)
    for layer in device.layers {
      let breakdown = try model.evaluate(
        records: layer.records, cycles: Cycle(UInt64(layer.totalCycles)), clockMHz: config.clockMHz)
      point.cycles += layer.totalCycles
      point.totalEnergyPJ += breakdown.totalPJ
      for action in breakdown.actions {
        if action.component == "simd.fpu.multiplier" { point.multiplierEnergyPJ += action.energyPJ }
        if action.component.hasPrefix("simd.fpu") { point.fpuEnergyPJ += action.energyPJ }
      }
    }
    return point
  }
}
