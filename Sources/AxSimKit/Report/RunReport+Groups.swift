import FlexFlow

extension RunReport {
  /// The report's energy in the groups the model's paper measured, partitioning the total
  /// (docs/reports.md): QCNPE `engine` (AxNN Fig. 4's boundary), `sram` and,
  /// behind a memory hierarchy, `dram`; FlexFlow Table 6's
  /// `neuron_in`, `neuron_out`, `kernel_in`, `compute`; the GPU's `compute_units` (their
  /// dynamic energy, where CANNA and FramNN measured their FPUs), `memory` (L2 and DRAM),
  /// `static` (CU and L2 leakage) and `board` (the board's constant power).
  public var groups: [ComponentLine] {
    var totals: [String: Double] = [:]
    for component in components { totals[RunReport.group(of: component.name, model: model), default: 0] += component.energyPJ }
    // Summed in name order: a Dictionary's order changes per process, and so would the last
    // bit of every share.
    let names = totals.keys.sorted()
    let total = names.reduce(0) { $0 + (totals[$1] ?? 0) }
    return names.map { name in
      let energy = totals[name] ?? 0
      return ComponentLine(
        name: name, energyPJ: energy, powerMW: totals.isEmpty || self.totals.timeNS <= 0 ? 0 : energy / self.totals.timeNS,
        share: total > 0 ? energy / total : 0)
    }
  }

  /// The group a component of `model` belongs to.
  static func group(of component: String, model: String) -> String {
    switch model {
    case "qcnpe":
      return component.hasPrefix("sram") ? "sram" : component.hasPrefix("dram") ? "dram" : "engine"
    case "flexflow":
      return PowerGroup.of(component: component).rawValue
    case "gpu":
      switch component {
      case "leakage.constant": return "board"
      case "cache.l2", "dram": return "memory"
      default: return component.hasPrefix("leakage.") ? "static" : "compute_units"
      }
    default:
      return "all"
    }
  }
}
