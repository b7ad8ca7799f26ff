import Foundation
import NeuralEngine

/// AxTrain's Fig. 9 on the hardware model: for plain backpropagation and for AxTrain, the
/// cheapest approximation setting that keeps accuracy within a target of the accurate
/// implementation, one choice among the multiplier settings and one among the storage settings.
enum AxTrainEqualAccuracy {
  /// The settings of one kind of approximation, in the order the run lists them.
  struct Family {
    var name: String
    var noises: [AxTrain.Noise]
  }

  /// A text block: the target, then per family and method the chosen setting (or exact when
  /// none qualifies), its accuracy, and its whole-array and group energies relative to exact.
  ///
  /// The target is BP's accuracy under exact arithmetic minus `maximumLoss` (the paper's "maximum
  /// 2 % degradation to accurate implementation"), the same bar for both methods. BP is evaluated
  /// under every setting; AxTrain under a setting is its network trained (pas) against that
  /// setting. NTV accuracies are means over the evaluation runs.
  static func summary(
    _ outcome: AxTrainOutcome, energies: [String: Double], groups: [String: [String: Double]], maximumLoss: Double,
    hardware: String
  ) -> String {
    guard let accurate = outcome.evaluation(.backpropagation, under: nil)?.accuracy.mean else { return "" }
    let target = accurate - maximumLoss
    let families = [
      Family(name: "multiplier", noises: outcome.noises.filter { !$0.isRandom }),
      Family(name: "storage", noises: outcome.noises.filter(\.isRandom)),
    ].filter { !$0.noises.isEmpty }
    let exactEnergy = energies["exact"] ?? 0
    var lines = [
      String(
        format: "lowest %@ energy within %.1f%% of BP's exact accuracy (%.2f%%, target %.2f%%), as AxTrain's Fig. 9:",
        hardware, maximumLoss * 100, accurate * 100, target * 100)
    ]
    for family in families {
      for method in [AxTrain.Method.backpropagation, .combined] {
        let qualifying = family.noises.compactMap { noise -> (AxTrain.Noise, Double)? in
          let evaluation =
            method == .backpropagation
            ? outcome.evaluation(.backpropagation, under: noise)
            : outcome.evaluation(.combined, trainedAgainst: noise, under: noise)
          guard let accuracy = evaluation?.accuracy.mean, accuracy >= target else { return nil }
          return (noise, accuracy)
        }
        let label = method == .backpropagation ? "BP" : "AxTrain"
        guard
          let best = qualifying.min(by: { (energies[$0.0.description] ?? .infinity) < (energies[$1.0.description] ?? .infinity) })
        else {
          lines.append("  \(family.name), \(label): no setting reaches the target; exact hardware, energy 1.000 of exact")
          continue
        }
        let key = best.0.description
        let accuracy = best.1
        let energy = energies[key] ?? exactEnergy
        let groupText = (groups[key] ?? [:]).keys.sorted().map { name in
          let exactGroup = groups["exact"]?[name] ?? 0
          let value = groups[key]?[name] ?? 0
          return String(format: "%@ %.3f", name, exactGroup > 0 ? value / exactGroup : 0)
        }.joined(separator: ", ")
        lines.append(
          String(
            format: "  %@, %@: %@ at %.2f%%, energy %.3f of exact (%.3fx less); by group, of exact: %@", family.name,
            label, key, accuracy * 100, exactEnergy > 0 ? energy / exactEnergy : 0,
            energy > 0 ? exactEnergy / energy : 0, groupText))
      }
    }
    return lines.joined(separator: "\n")
  }
}
