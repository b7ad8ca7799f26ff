import Foundation
import SimKernel

extension Simulation {
  /// One note per component whose operand switching activity the run measured (layers whose
  /// traces state toggle fractions): the fraction of compared bits that toggled, which scales
  /// the component's activity-scaled energy entries (docs/energy-tables.md).
  static func activityNotes(_ result: SimulationResult) -> [String] {
    var components: [String] = []
    var toggled: [String: UInt64] = [:]
    var compared: [String: UInt64] = [:]
    for layer in result.layers {
      for record in layer.records {
        let counter = result.schema.counters[record.counter]
        guard counter.isActivityTally else { continue }
        if !components.contains(counter.component) { components.append(counter.component) }
        if counter.action == LedgerSchema.Counter.toggledBitsAction {
          toggled[counter.component, default: 0] += record.count
        } else {
          compared[counter.component, default: 0] += record.count
        }
      }
    }
    return components.sorted().compactMap { component in
      guard let bits = compared[component], bits > 0 else { return nil }
      let fraction = Double(toggled[component] ?? 0) / Double(bits)
      let percent = String(format: "%.1f", fraction * 100)
      return
        "\(component): \(percent) % of operand bits toggle (measured on the layers whose traces state toggle fractions; energy tables assume 50 %, random data)"
    }
  }
}
