/// What a hardware configuration tells the energy stage beyond its activity: the operating
/// conditions of its components and how many instances of each leaking component it has.
public struct EnergyBinding: Equatable, Sendable {
  /// Depth and supply voltage per component name (as in the model's ledger schema).
  public var conditions: [String: ComponentConditions]
  /// Instances of each leakage component, sorted by component.
  public var leakageInstances: [LeakageInstances]
  /// Components of the schema this configuration cannot exercise (QCNPE's SRAMs and DRAM
  /// without a memory hierarchy): a table may leave them out, and pricing fails only if one
  /// is counted after all.
  public var unusedComponents: Set<String>

  /// A binding.
  public init(
    conditions: [String: ComponentConditions], leakageInstances: [LeakageInstances], unusedComponents: Set<String> = []
  ) {
    self.conditions = conditions
    self.leakageInstances = leakageInstances.sorted { $0.component < $1.component }
    self.unusedComponents = unusedComponents
  }
}

/// How many instances of a leakage component the hardware has.
public struct LeakageInstances: Equatable, Sendable {
  /// The leakage component (as in the table's `leakage` list).
  public var component: String
  /// Its instances.
  public var count: Int

  /// A count.
  public init(_ component: String, _ count: Int) {
    self.component = component
    self.count = count
  }
}
