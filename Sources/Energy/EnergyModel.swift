import Foundation
import SimKernel

/// The operating conditions of one component, as the hardware configuration sets them.
public struct ComponentConditions: Equatable, Sendable {
  /// Words in the component's memory array (FIFO depth, SRAM words), for `memory` laws.
  public var depth: Int?
  /// Supply voltage in volts, when it differs from the table's nominal voltage.
  public var supplyVolts: Double?

  /// Conditions.
  public init(depth: Int? = nil, supplyVolts: Double? = nil) {
    self.depth = depth
    self.supplyVolts = supplyVolts
  }
}

/// A model's ledger schema bound to an energy table: turns activity counts into energy.
///
/// Binding happens once per run and fails if any counter of the schema has no entry, so a
/// missing entry is an error before simulation starts rather than a silent zero after it.
public struct EnergyModel: Sendable {
  /// The table prices come from.
  public let table: EnergyTable
  /// The schema the ledger follows.
  public let schema: LedgerSchema
  private let entryForCounter: [Int]
  private let factorScaleForCounter: [Double]
  private let depthForCounter: [Int?]
  private let leakageTerms: [(component: String, instances: Int, powerMW: Double)]

  /// Binds `schema` to `table` under the hardware's conditions.
  /// Components the binding gives no conditions run at the table's nominal voltage and at
  /// each law's reference depth.
  public init(table: EnergyTable, schema: LedgerSchema, binding: EnergyBinding) throws(EnergyTableError) {
    let conditions = binding.conditions
    self.table = table
    self.schema = schema
    var entries: [Int] = []
    var scales: [Double] = []
    var depths: [Int?] = []
    for counter in schema.counters {
      // A switching-activity tally costs nothing itself: it needs no entry.
      guard !counter.isActivityTally else {
        entries.append(-1)
        scales.append(1)
        depths.append(nil)
        continue
      }
      guard
        let index = table.entries.firstIndex(where: {
          $0.component == counter.component && $0.action == counter.action
        })
      else {
        guard binding.unusedComponents.contains(counter.component) else {
          throw .noEntry(table: table.name, component: counter.component, action: counter.action)
        }
        // Priced only if counted after all (then the same error, from energyPerActionPJ).
        entries.append(-1)
        scales.append(0)
        depths.append(nil)
        continue
      }
      entries.append(index)
      let condition = conditions[counter.component]
      let volts = condition?.supplyVolts ?? table.technology.supplyVolts
      scales.append(pow(volts / table.technology.supplyVolts, table.entries[index].voltageExponent))
      depths.append(condition?.depth)
    }
    entryForCounter = entries
    factorScaleForCounter = scales
    depthForCounter = depths
    var terms: [(String, Int, Double)] = []
    for term in binding.leakageInstances {
      let component = term.component
      let instances = term.count
      guard let entry = table.leakage.first(where: { $0.component == component }) else {
        throw .noLeakage(table: table.name, component: component)
      }
      let volts = conditions[component]?.supplyVolts ?? table.technology.supplyVolts
      let power = entry.powerMW * pow(volts / table.technology.supplyVolts, entry.voltageExponent)
      terms.append((component, instances, power))
    }
    leakageTerms = terms.sorted { $0.0 < $1.0 }
  }

  /// The energy in pJ of one action of `counter` at operand widths `bitsA` × `bitsB`.
  public func energyPerActionPJ(counter: Int, bitsA: Int, bitsB: Int) throws(EnergyTableError) -> Double {
    guard entryForCounter[counter] >= 0 else {
      let descriptor = schema.counters[counter]
      if descriptor.isActivityTally { return 0 }  // an activity tally costs nothing
      throw .noEntry(table: table.name, component: descriptor.component, action: descriptor.action)
    }
    let entry = table.entries[entryForCounter[counter]]
    let widths = entry.law.widthCount
    if (widths >= 1 && !entry.validBits.contains(bitsA)) || (widths == 2 && !entry.validBits.contains(bitsB)) {
      throw .outsideValidRange(
        table: table.name, component: entry.component, action: entry.action,
        bits: widths == 2 ? "\(bitsA)x\(bitsB)" : "\(bitsA)", valid: entry.validBits)
    }
    return entry.energyPJ * factorScaleForCounter[counter]
      * entry.law.factor(bitsA: bitsA, bitsB: bitsB, depth: depthForCounter[counter], ungatedFraction: table.ungatedFraction)
  }

  /// The total leakage power of the hardware in mW.
  public var leakagePowerMW: Double {
    leakageTerms.reduce(0) { $0 + Double($1.instances) * $1.powerMW }
  }

  /// Prices a ledger over `cycles` cycles at `clockMHz`.
  public func evaluate(_ ledger: ActivityLedger, cycles: Cycle, clockMHz: Double) throws(EnergyTableError)
    -> EnergyBreakdown
  {
    try evaluate(records: ledger.records, cycles: cycles, clockMHz: clockMHz)
  }

  /// Prices ledger records (ordered by counter, as `ActivityLedger.records` gives them) over
  /// `cycles` cycles at `clockMHz`.
  ///
  /// Entries with a reference activity are scaled by the activity the records' tallies measured
  /// for their component (toggled / compared bits, over the reference); without tallies they
  /// are priced at their reference activity, unchanged.
  public func evaluate(records: [ActivityRecord], cycles: Cycle, clockMHz: Double) throws(EnergyTableError)
    -> EnergyBreakdown
  {
    let activity = measuredActivity(records)
    var actions: [ActionEnergy] = []
    var current: ActionEnergy?
    for record in records {
      // An activity tally costs nothing; any other counter without an entry is an error, thrown
      // by energyPerActionPJ (an unused component's entry may be missing until it is counted).
      if entryForCounter[record.counter] < 0, schema.counters[record.counter].isActivityTally { continue }
      let perActionPJ = try energyPerActionPJ(counter: record.counter, bitsA: record.bitsA, bitsB: record.bitsB)
      let entry = table.entries[entryForCounter[record.counter]]
      var energy = Double(record.count) * perActionPJ
      if let reference = entry.referenceActivity, let measured = activity[entry.component] {
        energy *= measured / reference
      }
      if let open = current, open.counter == record.counter {
        current?.count += record.count
        current?.energyPJ += energy
      } else {
        if let open = current { actions.append(open) }
        let counter = schema.counters[record.counter]
        current = ActionEnergy(
          counter: record.counter, component: counter.component, action: counter.action,
          count: record.count, energyPJ: energy)
      }
    }
    if let open = current { actions.append(open) }
    let timeNS = cycles.nanoseconds(atMHz: clockMHz)
    let leakage = leakageTerms.map { term in
      LeakageEnergy(
        component: term.component, instances: term.instances, powerMW: Double(term.instances) * term.powerMW,
        energyPJ: Double(term.instances) * term.powerMW * timeNS)
    }
    return EnergyBreakdown(actions: actions, leakage: leakage)
  }

  /// The switching activity each component's tallies measured in `records`: toggled over
  /// compared bits, for components with compared bits.
  func measuredActivity(_ records: [ActivityRecord]) -> [String: Double] {
    var toggled: [String: UInt64] = [:]
    var compared: [String: UInt64] = [:]
    for record in records {
      let counter = schema.counters[record.counter]
      guard counter.isActivityTally else { continue }
      if counter.action == LedgerSchema.Counter.toggledBitsAction {
        toggled[counter.component, default: 0] += record.count
      } else if counter.action == LedgerSchema.Counter.comparedBitsAction {
        compared[counter.component, default: 0] += record.count
      }
    }
    var activity: [String: Double] = [:]
    for (component, bits) in compared where bits > 0 {
      activity[component] = Double(toggled[component] ?? 0) / Double(bits)
    }
    return activity
  }
}
