/// An energy table: for each (component, action) of a hardware model, the energy of one
/// action in picojoules, the law that scales it with operand widths and sizes, and where the
/// number came from; plus leakage power per component instance. Format: docs/energy-tables.md.
public struct EnergyTable: Equatable, Sendable {
  /// The value of the `format` key.
  public static let formatName = "axsim-energy-table"
  /// The table-format version this build writes; it also reads every earlier version.
  /// Version 2 adds `derivation` per entry, `scales_with_technology`, `derived_from`,
  /// `free_parameters` and the multiplier law's `fixed_fraction` (docs/energy-tables.md).
  public static let currentVersion = 2

  /// The table's name (`qcnpe-45nm`).
  public var name: String
  /// The technology the numbers describe.
  public var technology: Technology
  /// The fraction of a clock-gated block's energy that gating cannot remove, 0...1.
  public var ungatedFraction: Double
  /// Where the ungated fraction comes from.
  public var ungatedFractionSource: String
  /// Dynamic energy per action.
  public var entries: [EnergyEntry]
  /// Static power per component instance.
  public var leakage: [LeakageEntry]
  /// How the table was calibrated, for the reader.
  public var calibrationNote: String?
  /// What a derived table was derived from (`axsim energy derive`): the config and the
  /// primitive libraries; nil for a hand-written table.
  public var derivedFrom: String?
  /// The free parameters a derived table rests on, each named and sourced.
  public var freeParameters: [FreeParameter]

  /// A table.
  public init(
    name: String, technology: Technology, ungatedFraction: Double, ungatedFractionSource: String,
    entries: [EnergyEntry], leakage: [LeakageEntry], calibrationNote: String? = nil, derivedFrom: String? = nil,
    freeParameters: [FreeParameter] = []
  ) {
    self.name = name
    self.technology = technology
    self.ungatedFraction = ungatedFraction
    self.ungatedFractionSource = ungatedFractionSource
    self.entries = entries
    self.leakage = leakage
    self.calibrationNote = calibrationNote
    self.derivedFrom = derivedFrom
    self.freeParameters = freeParameters
  }
}

/// A number a derived table cannot take from a measured primitive: named, valued and sourced.
public struct FreeParameter: Equatable, Sendable {
  /// The parameter's name (`clock_share`).
  public var name: String
  /// Its value.
  public var value: Double
  /// Why this value: the source and its reasoning.
  public var source: String

  /// A parameter.
  public init(name: String, value: Double, source: String) {
    self.name = name
    self.value = value
    self.source = source
  }
}

/// The process and operating point a table describes.
public struct Technology: Equatable, Sendable {
  /// Feature size in nanometres.
  public var nodeNM: Int
  /// Nominal supply voltage in volts.
  public var supplyVolts: Double
  /// The clock frequency the numbers were characterised at, in MHz.
  public var clockMHz: Double

  /// A technology point.
  public init(nodeNM: Int, supplyVolts: Double, clockMHz: Double) {
    self.nodeNM = nodeNM
    self.supplyVolts = supplyVolts
    self.clockMHz = clockMHz
  }
}

/// The dynamic energy of one action of one component.
public struct EnergyEntry: Equatable, Sendable {
  /// The component, dotted from the model down (`ncu.multiplier`).
  public var component: String
  /// The action (`multiply`).
  public var action: String
  /// Energy of one action at the law's reference point, in picojoules.
  public var energyPJ: Double
  /// How the energy scales.
  public var law: ScalingLaw
  /// The operand widths for which the law holds, in bits.
  public var validBits: ClosedRange<Int>
  /// How dynamic energy scales with supply voltage: E ∝ (V / V_nominal)^exponent (2 for CV²).
  public var voltageExponent: Double
  /// Where the number comes from: a paper, a tool run, or a stated assumption with its reason.
  public var source: String
  /// For a derived table: the arithmetic from primitives to `energyPJ`.
  public var derivation: String?
  /// Whether a `technology` override scales the entry (false for off-chip DRAM).
  public var scalesWithTechnology: Bool
  /// For a datapath whose dynamic energy follows its operands' switching activity: the
  /// activity α (fraction of bits toggling per action) `energyPJ` was characterised at (0.5,
  /// random data). A run that measures α prices the entry at `energyPJ` · α / this (dynamic
  /// energy ∝ α·C·V²); nil: the energy does not depend on the data (clock, control, leakage).
  public var referenceActivity: Double?

  /// An entry.
  public init(
    component: String, action: String, energyPJ: Double, law: ScalingLaw = .constant,
    validBits: ClosedRange<Int> = 0...32, voltageExponent: Double = 2, source: String, derivation: String? = nil,
    scalesWithTechnology: Bool = true, referenceActivity: Double? = nil
  ) {
    self.referenceActivity = referenceActivity
    self.component = component
    self.action = action
    self.energyPJ = energyPJ
    self.law = law
    self.validBits = validBits
    self.voltageExponent = voltageExponent
    self.source = source
    self.derivation = derivation
    self.scalesWithTechnology = scalesWithTechnology
  }
}

/// The static power of one instance of a component.
public struct LeakageEntry: Equatable, Sendable {
  /// The component (`ncu`).
  public var component: String
  /// Leakage power of one instance at nominal voltage, in milliwatts.
  public var powerMW: Double
  /// How leakage scales with supply voltage: P ∝ (V / V_nominal)^exponent (5 in CACTI-P for
  /// high-performance devices: I_off ∝ V^4 times V).
  public var voltageExponent: Double
  /// Where the number comes from.
  public var source: String
  /// For a derived table: the arithmetic from primitives to `powerMW`.
  public var derivation: String?
  /// Whether a `technology` override scales the entry (false for a board's constant power).
  public var scalesWithTechnology: Bool

  /// An entry.
  public init(
    component: String, powerMW: Double, voltageExponent: Double = 5, source: String, derivation: String? = nil,
    scalesWithTechnology: Bool = true
  ) {
    self.component = component
    self.powerMW = powerMW
    self.voltageExponent = voltageExponent
    self.source = source
    self.derivation = derivation
    self.scalesWithTechnology = scalesWithTechnology
  }
}
