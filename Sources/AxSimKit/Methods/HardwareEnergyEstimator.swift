import Energy
import NeuralEngine
import Trace

/// Prices a network on a hardware model for the NN engine's methods: the network becomes a
/// trace (shapes, per-neuron precision, multiplier, storage voltage) and runs through the same
/// simulation `axsim run` uses, in fast fidelity, at the given inference batch.
struct HardwareEnergyEstimator: NetworkEnergyEstimating {
  /// The hardware and its energy table.
  var configuration: RunConfiguration
  /// The table, loaded once.
  var energyTable: EnergyTable
  /// Samples per inference pass (a batch fills the array's rows on QCNPE).
  var batch: Int
  /// Data whose real operands give each layer's statistics (CANNA hit rates the GPU draws
  /// from); without it the trace carries none and models fall back to their defaults.
  var operandData: Dataset? = nil

  func layerEnergies(of network: Network, arithmetic: NetworkArithmetic) throws(NeuralEngineError) -> [Double] {
    try report(of: network, arithmetic: arithmetic).layers.map(\.figures.energyPJ)
  }

  /// The full report of one inference pass.
  func report(of network: Network, arithmetic: NetworkArithmetic) throws(NeuralEngineError) -> RunReport {
    let statistics = try operandData.map { data throws(NeuralEngineError) in
      try OperandStatisticsCollector.measure(network, on: data, maximumRows: 256, arithmetic: arithmetic)
    }
    let trace = TraceWriter.trace(
      for: network, arithmetic: arithmetic, statistics: statistics, batch: batch,
      provenance: Provenance(source: "axsim nn (energy estimate)"))
    var fast = configuration
    fast.fidelity = .fast
    do {
      return try Simulation.run(
        configuration: fast, trace: trace, tracePath: "(the network being approximated)", energyTable: energyTable)
    } catch {
      throw .invalidArithmetic("pricing on \(configuration.hardware.modelName) failed: \(error.description)")
    }
  }
}
