import Energy
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
    let trace = configuration.applyingOverrides(to: trace)
    let result: SimulationResult
    let binding: EnergyBinding
    switch configuration.hardware {
    case .qcnpe(let config):
      let plans: [QCNPELayerPlan]
      do {
        plans = try QCNPEMapper.plan(trace, on: config)
      } catch {
        throw .input(file: tracePath, message: error.description)
      }
      result = QCNPEArray.simulate(config: config, plans: plans, fidelity: configuration.fidelity).result
      binding = config.energyBinding
    }
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
    return RunReport(
      result: result, breakdowns: breakdowns, network: trace.name, configName: configuration.displayName,
      fidelity: configuration.fidelity, energyTable: energyTable.name)
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
