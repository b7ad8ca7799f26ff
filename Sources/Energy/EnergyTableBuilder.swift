/// Collects a derived table's entries, each with its source and the arithmetic that produced
/// it; a model's derivation (`QCNPEConfig.derivedEnergyTable`, …) fills one.
public struct EnergyTableBuilder: Sendable {
  /// The entries so far.
  public private(set) var entries: [EnergyEntry] = []
  /// The leakage entries so far.
  public private(set) var leakage: [LeakageEntry] = []

  /// An empty builder.
  public init() {}

  /// Adds the dynamic entry (`component`, `action`) priced at `derived`.
  public mutating func add(
    _ component: String, _ action: String, _ derived: DerivedEnergy, law: ScalingLaw = .constant,
    validBits: ClosedRange<Int> = 0...64, voltageExponent: Double = TechnologyScaling.dynamicVoltageExponent,
    scalesWithTechnology: Bool = true, referenceActivity: Double? = nil, source: String
  ) {
    entries.append(
      EnergyEntry(
        component: component, action: action, energyPJ: derived.value, law: law,
        validBits: law.widthCount > 0 ? validBits : 0...64, voltageExponent: voltageExponent, source: source,
        derivation: derived.summary(), scalesWithTechnology: scalesWithTechnology, referenceActivity: referenceActivity))
  }

  /// Adds the leakage of one instance of `component`, `derived` in mW.
  public mutating func addLeakage(
    _ component: String, _ derived: DerivedEnergy, voltageExponent: Double = TechnologyScaling.leakageVoltageExponent,
    scalesWithTechnology: Bool = true, source: String
  ) {
    leakage.append(
      LeakageEntry(
        component: component, powerMW: derived.value, voltageExponent: voltageExponent, source: source,
        derivation: derived.summary(unit: "mW"), scalesWithTechnology: scalesWithTechnology))
  }
}

extension PrimitiveLibrary {
  /// The clock network's energy per flip-flop per cycle for a unit that switches
  /// `switchingPJ` per active cycle in `flipFlops` flip-flops: share / (1 − share) of the
  /// switching, spread evenly (`clock_share`, docs/energy-tables.md).
  public func clockPerFlipFlop(switching: DerivedEnergy, flipFlops: Int) throws(EnergyDerivationError) -> DerivedEnergy {
    let share = try parameter("clock_share").value
    let factor = share / (1 - share) / Double(max(1, flipFlops))
    return DerivedEnergy(
      switching.value * factor,
      "clock_share \(Primitive.format(share)) / \(Primitive.format(1 - share)) × \(Primitive.format(switching.value, digits: 5)) pJ switched per active cycle / \(flipFlops) flip-flops"
    )
  }

  /// The Aladdin register-file model of Accelergy's plug-in, used for flip-flop FIFOs: a
  /// word of `widthBits` register bits plus one ⌈log₂ depth⌉-bit comparison per word.
  public func registerFileAccess(widthBits: Int, depth: Int, target: OperatingPoint) throws(EnergyDerivationError)
    -> DerivedEnergy
  {
    var addressBits = 1
    while (1 << addressBits) < depth { addressBits += 1 }
    return try energy("register_bit", at: Double(widthBits), target: target)
      + Double(depth) * (try energy("comparator", at: Double(addressBits), target: target))
  }
}
