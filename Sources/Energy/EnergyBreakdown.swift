/// Energy of one run (or one layer), split by component and action.
public struct EnergyBreakdown: Equatable, Sendable {
  /// Dynamic energy per counter, in schema order.
  public var actions: [ActionEnergy]
  /// Static energy per leakage component, sorted by component.
  public var leakage: [LeakageEnergy]

  /// A breakdown.
  public init(actions: [ActionEnergy] = [], leakage: [LeakageEnergy] = []) {
    self.actions = actions
    self.leakage = leakage
  }

  /// Total energy in pJ.
  public var totalPJ: Double {
    actions.reduce(0) { $0 + $1.energyPJ } + leakage.reduce(0) { $0 + $1.energyPJ }
  }

  /// Energy per component in pJ, sorted by name: dynamic components under their own names,
  /// static power as `leakage.<component>`.
  public var components: [ComponentEnergy] {
    var totals: [String: Double] = [:]
    for action in actions { totals[action.component, default: 0] += action.energyPJ }
    for term in leakage { totals["leakage." + term.component, default: 0] += term.energyPJ }
    return totals.keys.sorted().map { ComponentEnergy(name: $0, energyPJ: totals[$0] ?? 0) }
  }

  /// The sum of two breakdowns (two layers of one run): counts and energies add.
  public static func + (lhs: EnergyBreakdown, rhs: EnergyBreakdown) -> EnergyBreakdown {
    var actions = lhs.actions
    for action in rhs.actions {
      if let index = actions.firstIndex(where: { $0.counter == action.counter }) {
        actions[index].count += action.count
        actions[index].energyPJ += action.energyPJ
      } else {
        actions.append(action)
      }
    }
    actions.sort { $0.counter < $1.counter }
    var leakage = lhs.leakage
    for term in rhs.leakage {
      if let index = leakage.firstIndex(where: { $0.component == term.component }) {
        leakage[index].energyPJ += term.energyPJ
      } else {
        leakage.append(term)
      }
    }
    leakage.sort { $0.component < $1.component }
    return EnergyBreakdown(actions: actions, leakage: leakage)
  }
}

/// The dynamic energy of one counter over a run.
public struct ActionEnergy: Equatable, Sendable {
  /// The counter's index in the model's schema.
  public var counter: Int
  /// The component.
  public var component: String
  /// The action.
  public var action: String
  /// How many times it happened.
  public var count: UInt64
  /// Energy in pJ.
  public var energyPJ: Double
}

/// The static energy of one leakage component over a run.
public struct LeakageEnergy: Equatable, Sendable {
  /// The component.
  public var component: String
  /// Instances of it in the hardware.
  public var instances: Int
  /// Their combined leakage power in mW.
  public var powerMW: Double
  /// Energy in pJ (mW × ns = pJ).
  public var energyPJ: Double
}

/// The energy of one named component.
public struct ComponentEnergy: Equatable, Sendable {
  /// The component's name.
  public var name: String
  /// Energy in pJ.
  public var energyPJ: Double

  /// A component's energy.
  public init(name: String, energyPJ: Double) {
    self.name = name
    self.energyPJ = energyPJ
  }
}
