import Energy
import FlexFlow
import Foundation
import GPUCompute
import QCNPE
import SimKernel
import Trace

/// Runs a trace on the configured hardware model and prices its activity: the path every
/// command (run, sweep, check's goldens, the benchmark) goes through.
public enum Simulation {
  /// Simulates `trace` on `configuration`'s hardware and returns the priced report.
  /// - Parameters:
  ///   - tracePath: where the trace came from, for error messages.
  public static func run(
    configuration: RunConfiguration, trace: NetworkTrace, tracePath: String, energyTable: EnergyTable
  ) throws(AxSimError) -> RunReport {
    try runObserved(configuration: configuration, trace: trace, tracePath: tracePath, energyTable: energyTable, request: .none)
      .report
  }

  /// What a run should record beyond its report.
  public struct ObservationRequest: Sendable {
    /// Keep the timing of every fold (for `--timeline`).
    public var folds: Bool
    /// Record signals over these cycles (for `--vcd`; needs `cycle` fidelity).
    public var waveformWindow: ClosedRange<UInt64>?

    /// Nothing beyond the report.
    public static let none = ObservationRequest(folds: false, waveformWindow: nil)

    /// A request.
    public init(folds: Bool, waveformWindow: ClosedRange<UInt64>?) {
      self.folds = folds
      self.waveformWindow = waveformWindow
    }
  }

  /// What a run recorded beyond its report.
  public struct Observations: Sendable {
    /// The model-level result (layers, phases, activity).
    public var result: SimulationResult
    /// Fold timings per layer (QCNPE), when requested.
    public var folds: [[FoldRecord]]
    /// Signals over the requested window, when requested.
    public var waveform: Waveform?
  }

  /// Simulates and prices like `run`, and returns what `request` asked to record. Independent
  /// layers, folds or compute units run on up to `jobs` threads; the report does not depend on
  /// `jobs` (observed runs of QCNPE, which record folds or signals, run on one thread).
  public static func runObserved(
    configuration: RunConfiguration, trace: NetworkTrace, tracePath: String, energyTable: EnergyTable,
    request: ObservationRequest, jobs: Int = 1, progress: RunProgress? = nil
  ) throws(AxSimError) -> (report: RunReport, observations: Observations) {
    let trace = configuration.applyingOverrides(to: trace)
    let result: SimulationResult
    let binding: EnergyBinding
    var folds: [[FoldRecord]] = []
    var waveform: Waveform?
    var memoryTraffic: [[MemoryTraffic]] = []
    switch configuration.hardware {
    case .qcnpe(let config):
      let plans: [QCNPELayerPlan]
      do {
        plans = try QCNPEMapper.plan(trace, on: config)
      } catch {
        throw .input(file: tracePath, message: error.description)
      }
      let observer = QCNPEObserver(recordsFolds: request.folds, waveformWindow: request.waveformWindow, config: config)
      let run = QCNPEArray.simulate(
        config: config, plans: plans, fidelity: configuration.fidelity, observer: observer, jobs: jobs, progress: progress)
      result = run.result
      folds = run.observer.folds
      waveform = run.observer.waveform
      memoryTraffic = run.memoryTraffic
      binding = config.energyBinding
    case .gpu(let config):
      do {
        let plans = try GPUMapper.plan(trace, on: config)
        result = try GPUDevice.simulate(
          config: config, plans: plans, fidelity: configuration.fidelity, jobs: jobs, progress: progress
        ).result
      } catch let error as GPUMappingError {
        throw .input(file: error.layerIndex < 0 ? configuration.source : tracePath, message: error.description)
      } catch {
        throw .input(file: tracePath, message: String(describing: error))
      }
      binding = config.energyBinding
    case .flexflow(let config):
      let plan: FlexFlowNetworkPlan
      do {
        plan = try FlexFlowMapper.plan(trace, on: config)
      } catch {
        throw .input(file: tracePath, message: error.description)
      }
      result =
        FlexFlowArray.simulate(
          config: config, plan: plan, fidelity: configuration.fidelity, jobs: jobs, progress: progress
        ).result
      binding = config.energyBinding(kernelStorageVolts: plan.kernelStorageVolts)
    }
    let energyTable = try configuration.pricingTable(energyTable)
    let model: EnergyModel
    var breakdowns: [EnergyBreakdown] = []
    do {
      model = try EnergyModel(table: energyTable, schema: result.schema, binding: binding)
      for layer in result.layers {
        breakdowns.append(
          try model.evaluate(records: layer.records, cycles: Cycle(UInt64(layer.totalCycles)), clockMHz: result.clockMHz))
      }
    } catch {
      throw .input(file: configuration.energyTablePath, message: error.description)
    }
    var report = RunReport(
      result: result, breakdowns: breakdowns, network: trace.name, configName: configuration.displayName,
      fidelity: configuration.fidelity, energyTable: energyTable.name)
    for (index, traffic) in memoryTraffic.enumerated() where !traffic.isEmpty && index < report.layers.count {
      report.layers[index].memory = RunReport.MemoryLine(traffic)
    }
    report.notes = notes(report, hardware: configuration.hardware) + sparsityNotes(trace, hardware: configuration.hardware)
      + activityNotes(result)
    return (report, Observations(result: result, folds: folds, waveform: waveform))
  }

  /// What a reader must know before trusting the numbers: a QCNPE or FlexFlow run that waited
  /// on memory is memory-bound, and its cycles depend on the bandwidth, not the array alone.
  /// (A GPU's wavefronts always wait on latency; its stalls are its normal timing.)
  static func notes(_ report: RunReport, hardware: RunConfiguration.Hardware) -> [String] {
    let stalls = report.totals.stallCycles
    guard stalls > 0, report.totals.cycles > 0 else { return [] }
    let share = String(format: "%.1f", Double(stalls) / Double(report.totals.cycles) * 100)
    switch hardware {
    case .qcnpe(let config):
      let words = config.memoryWordsPerCycle.map(String.init) ?? "ideal"
      let dramStalls = report.layers.reduce(0) { $0 + ($1.phases.first { $0.name == "dram_stall" }?.cycles ?? 0) }
      if dramStalls > 0 {
        let dramShare = String(format: "%.1f", Double(dramStalls) / Double(report.totals.cycles) * 100)
        return [
          "memory-bound: the array stalled \(dramStalls) of \(report.totals.cycles) cycles (\(dramShare) %) waiting for the DRAM; raise the qcnpe.*DRAMWordsPerCycle bandwidths or the SRAM sizes"
        ]
      }
      return [
        "memory-bound: the array stalled \(stalls) of \(report.totals.cycles) cycles (\(share) %) waiting for operands; qcnpe.memoryWordsPerCycle = \(words) is below rows + cols = \(config.matchedMemoryWordsPerCycle) for some layers"
      ]
    case .flexflow:
      return [
        "memory-bound: the PEs stalled \(stalls) of \(report.totals.cycles) cycles (\(share) %) waiting for local-store refills over the buses"
      ]
    case .gpu:
      return []
    }
  }
}

extension Simulation {
  /// A note for every run whose trace declares N:M sparsity that the hardware did not exploit:
  /// such layers ran dense, so a reader comparing with a sparse machine must know.
  static func sparsityNotes(_ trace: NetworkTrace, hardware: RunConfiguration.Hardware) -> [String] {
    let sparse = trace.layers.filter { $0.sparsity.map { !$0.isDense } ?? false }
    guard let first = sparse.first, let pattern = first.sparsity else { return [] }
    if case .qcnpe(let config) = hardware, config.exploitsStructuredSparsity { return [] }
    let key: String
    switch hardware {
    case .qcnpe: key = "; set qcnpe.structuredSparsity to skip the zero weights"
    case .flexflow, .gpu: key = "; this model has no sparse datapath"
    }
    return [
      "dense: \(sparse.count) layer(s) declare N:M weight sparsity (\(first.name): \(pattern)) but ran dense\(key)"
    ]
  }

  /// The names of every component a report of `hardware` can list: each dynamic component of
  /// the model's schema and `leakage.<component>` for each leakage instance. A sweep's CSV
  /// columns come from here, not from the results, so every shard writes the same header.
  public static func componentNames(of hardware: RunConfiguration.Hardware) -> [String] {
    let schema: LedgerSchema
    let binding: EnergyBinding
    switch hardware {
    case .qcnpe(let config):
      schema = QCNPECounter.schema
      binding = config.energyBinding
    case .gpu(let config):
      schema = GPUCounter.schema
      binding = config.energyBinding
    case .flexflow(let config):
      schema = FlexFlowCounter.schema
      binding = config.energyBinding
    }
    let dynamic = Set(schema.counters.map(\.component))
    return (dynamic.sorted() + binding.leakageInstances.map { "leakage." + $0.component }).sorted()
  }
}

extension RunConfiguration {
  /// The config's name as reports show it: the file's base name, so that a report does not
  /// depend on the directory a run started from.
  public var displayName: String {
    let name = source.split(separator: "/").last.map(String.init) ?? source
    return source.hasPrefix(InputLoader.embeddedPrefix) ? name + " (embedded)" : name
  }
}
