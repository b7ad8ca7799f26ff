/// Signal values over a window of cycles, recorded by a model in `cycle` fidelity and written
/// out by a reporter (a VCD file). Only changes are stored, so memory grows with activity in
/// the window, never with the length of the run.
public struct Waveform: Sendable {
  /// One signal: where it sits in the hardware and how wide it is.
  public struct Signal: Equatable, Sendable {
    /// The scopes from the top of the hardware down (`["qcnpe", "ncu_r0_c1"]`).
    public var scope: [String]
    /// The signal's name within its scope (`acc`).
    public var name: String
    /// Width in bits (1 for a wire).
    public var widthBits: Int

    /// A signal.
    public init(scope: [String], name: String, widthBits: Int) {
      self.scope = scope
      self.name = name
      self.widthBits = widthBits
    }
  }

  /// One value change.
  public struct Change: Equatable, Sendable {
    /// The cycle it happened in.
    public var cycle: UInt64
    /// The signal's index in `signals`.
    public var signal: Int32
    /// The new value (two's complement for signed values, masked to the signal's width).
    public var value: Int64
  }

  /// The signals, in declaration order.
  public private(set) var signals: [Signal]
  /// Value changes in cycle order.
  public private(set) var changes: [Change] = []
  /// The cycles recorded, inclusive.
  public let window: ClosedRange<UInt64>
  /// The clock in MHz, for the reader.
  public let clockMHz: Double
  private var lastValues: [Int64]
  private var seen: [Bool]

  /// The most changes a waveform keeps; a window needing more is refused up front by the
  /// caller (docs/limits.md) rather than filling memory.
  public static let maximumChanges = 50_000_000

  /// An empty waveform over `window` for `signals`.
  public init(signals: [Signal], window: ClosedRange<UInt64>, clockMHz: Double) {
    self.signals = signals
    self.window = window
    self.clockMHz = clockMHz
    lastValues = Array(repeating: 0, count: signals.count)
    seen = Array(repeating: false, count: signals.count)
  }

  /// Whether `cycle` lies in the window.
  @inlinable public func records(_ cycle: UInt64) -> Bool { window.contains(cycle) }

  /// Records `value` for `signal` at `cycle` if it differs from the signal's last value (the
  /// first sample of each signal is always kept). Cycles must not decrease.
  public mutating func sample(_ signal: Int, _ value: Int64, at cycle: UInt64) {
    guard window.contains(cycle), !seen[signal] || lastValues[signal] != value else { return }
    guard changes.count < Waveform.maximumChanges else { return }
    seen[signal] = true
    lastValues[signal] = value
    changes.append(Change(cycle: cycle, signal: Int32(signal), value: value))
  }
}
