/// Names for the counters of an `ActivityLedger`: which component did which action, and how
/// many operand widths each count is recorded by.
///
/// A model declares its schema once; counter `i` of its ledger is `counters[i]`. The kernel
/// itself knows no names, so it stays independent of every model.
public struct LedgerSchema: Equatable, Sendable {
  /// One counter's meaning.
  public struct Counter: Equatable, Sendable {
    /// The hardware component, dotted from the model down (`ncu.multiplier`).
    public var component: String
    /// What the component did (`multiply`, `push`, `active_cycle`).
    public var action: String
    /// Operand widths a count is recorded by: 0 (none), 1 (`bitsA`) or 2 (`bitsA` × `bitsB`).
    public var widthArity: Int
    /// What one count means, for the reader of a report.
    public var description: String
    /// Whether the counter tallies switching activity rather than counting actions: its
    /// action is `toggled_bits` or `compared_bits` of `component`'s operands, it costs no
    /// energy itself, and the two together set the activity of the component's
    /// activity-scaled energy entries.
    public var isActivityTally: Bool

    /// A counter.
    public init(component: String, action: String, widthArity: Int, description: String, isActivityTally: Bool = false) {
      self.component = component
      self.action = action
      self.widthArity = widthArity
      self.description = description
      self.isActivityTally = isActivityTally
    }

    /// The action of a tally of bits that flipped between consecutive operands.
    public static let toggledBitsAction = "toggled_bits"
    /// The action of a tally of operand bits compared between consecutive operands.
    public static let comparedBitsAction = "compared_bits"
  }

  /// The counters in index order.
  public var counters: [Counter]

  /// A schema.
  public init(_ counters: [Counter]) { self.counters = counters }

  /// A fresh, empty ledger laid out for this schema.
  public func makeLedger() -> ActivityLedger { ActivityLedger(widthArities: counters.map(\.widthArity)) }
}
