import AxJSON

/// What every report must satisfy whatever the model, the table or the trace, checked
/// beside every golden comparison so that a golden cannot freeze a bug (docs/sources.md#accelergy-exercises):
/// components sum to the total; layers sum to the total in cycles and energy; each layer's
/// components sum to its energy and its phases to its cycles; energies are non-negative;
/// utilisation lies in [0, 1]; power is energy over time.
public enum ReportInvariants {
  /// The invariants `report` (a JSON report) breaks, as readable lines; empty when it keeps all.
  public static func violations(of report: JSONValue, relativeTolerance: Double = 1e-9) -> [String] {
    var problems: [String] = []
    let check = GoldenCheck(relativeTolerance: relativeTolerance, absoluteTolerance: 1e-6)
    func number(_ value: JSONValue?, _ path: String) -> Double? {
      guard let number = value?.doubleValue else {
        problems.append("\(path) is missing or not a number")
        return nil
      }
      return number
    }
    guard let totals = report["totals"] else { return ["totals is missing"] }
    guard let totalEnergy = number(totals["energy_pj"], "totals.energy_pj"),
      let totalCycles = number(totals["cycles"], "totals.cycles")
    else { return problems }
    func sum(_ array: JSONValue?, _ key: String, _ path: String) -> Double {
      guard case .array(let elements) = array ?? .null else {
        problems.append("\(path) is missing or not an array")
        return 0
      }
      return elements.enumerated().reduce(0) { $0 + (number($1.element[key], "\(path)[\($1.offset)].\(key)") ?? 0) }
    }
    let componentSum = sum(report["components"], "energy_pj", "components")
    if !check.agree(componentSum, totalEnergy) {
      problems.append("components sum to \(componentSum) pJ but totals.energy_pj is \(totalEnergy)")
    }
    if report["groups"] != nil {
      let groupSum = sum(report["groups"], "energy_pj", "groups")
      if !check.agree(groupSum, totalEnergy) {
        problems.append("groups sum to \(groupSum) pJ but totals.energy_pj is \(totalEnergy)")
      }
    }
    let layerEnergy = sum(report["layers"], "energy_pj", "layers")
    if !check.agree(layerEnergy, totalEnergy) {
      problems.append("layers sum to \(layerEnergy) pJ but totals.energy_pj is \(totalEnergy)")
    }
    let layerCycles = sum(report["layers"], "cycles", "layers")
    if layerCycles != totalCycles { problems.append("layers sum to \(layerCycles) cycles but totals.cycles is \(totalCycles)") }
    if case .array(let layers) = report["layers"] ?? .null {
      for (index, layer) in layers.enumerated() {
        let path = "layers[\(GoldenCheck.label(layer, index: index))]"
        if let energy = number(layer["energy_pj"], path + ".energy_pj") {
          let parts = sum(layer["components"], "energy_pj", path + ".components")
          if !check.agree(parts, energy) { problems.append("\(path): components sum to \(parts) pJ, not \(energy)") }
        }
        if case .object(let phases) = layer["phases"] ?? .null, let cycles = number(layer["cycles"], path + ".cycles") {
          let phaseSum = phases.members.reduce(0.0) { $0 + ($1.value.doubleValue ?? 0) }
          if phaseSum != cycles { problems.append("\(path): phases sum to \(phaseSum) cycles, not \(cycles)") }
        }
        problems += figureProblems(layer, path: path, check: check)
      }
    }
    problems += figureProblems(totals, path: "totals", check: check)
    if case .array(let components) = report["components"] ?? .null {
      for (index, component) in components.enumerated() where (component["energy_pj"]?.doubleValue ?? 0) < 0 {
        problems.append("components[\(GoldenCheck.label(component, index: index))] has negative energy")
      }
    }
    return problems
  }

  static func figureProblems(_ figures: JSONValue, path: String, check: GoldenCheck) -> [String] {
    var problems: [String] = []
    let energy = figures["energy_pj"]?.doubleValue ?? 0
    let time = figures["time_ns"]?.doubleValue ?? 0
    let power = figures["power_mw"]?.doubleValue ?? 0
    let utilization = figures["utilization"]?.doubleValue ?? 0
    if energy < 0 { problems.append("\(path).energy_pj is negative") }
    if !(0...1).contains(utilization) { problems.append("\(path).utilization \(utilization) lies outside [0, 1]") }
    if time > 0, !check.agree(power, energy / time) {
      problems.append("\(path).power_mw \(power) is not energy_pj / time_ns = \(energy / time)")
    }
    return problems
  }
}
