import AxJSON
import Energy
import FlexFlow
import SimKernel
import Trace

/// Runs a trace on FlexFlow and prices it with configs/energy/flexflow-65nm.json.
enum Pricing {
  static func table() throws -> EnergyTable {
    let text = try Repository.text("configs/energy/flexflow-65nm.json")
    return try EnergyTable(json: JSONNode(root: JSONParser.parse(text), file: "flexflow-65nm.json"))
  }

  /// Power in mW per Table 6 group and in total, and the run's cycles.
  struct Split {
    var groupsMW: [PowerGroup: Double]
    var totalMW: Double
    var cycles: Int
    var componentsPJ: [String: Double]

    func share(_ group: PowerGroup) -> Double { (groupsMW[group] ?? 0) / totalMW }
  }

  static func split(
    _ trace: NetworkTrace, config: FlexFlowConfig = FlexFlowConfig(), table: EnergyTable, fidelity: Fidelity = .fast
  ) throws -> Split {
    let plan = try FlexFlowMapper.plan(trace, on: config)
    let run = FlexFlowArray.simulate(config: config, plan: plan, fidelity: fidelity)
    let model = try EnergyModel(
      table: table, schema: FlexFlowCounter.schema, binding: config.energyBinding(kernelStorageVolts: plan.kernelStorageVolts))
    var groups: [PowerGroup: Double] = [:]
    var components: [String: Double] = [:]
    var energy = 0.0
    for layer in run.result.layers {
      let breakdown = try model.evaluate(
        records: layer.records, cycles: Cycle(UInt64(layer.totalCycles)), clockMHz: config.clockMHz)
      for component in breakdown.components {
        groups[PowerGroup.of(component: component.name), default: 0] += component.energyPJ
        components[component.name, default: 0] += component.energyPJ
      }
      energy += breakdown.totalPJ
    }
    let timeNS = Double(run.result.totalCycles) * 1000 / config.clockMHz
    return Split(
      groupsMW: groups.mapValues { $0 / timeNS }, totalMW: energy / timeNS, cycles: run.result.totalCycles,
      componentsPJ: components)
  }
}
