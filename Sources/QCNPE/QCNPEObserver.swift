import SimKernel

/// What a QCNPE run records beyond its activity, for the timeline and waveform reporters:
/// the timing of every fold, and (in `cycle` fidelity) every NCU's and FIFO's signals over a
/// window of cycles.
public struct QCNPEObserver: Sendable {
  /// Whether to keep a `FoldRecord` per fold.
  public var recordsFolds: Bool
  /// The signals over the requested window, when one was requested.
  public private(set) var waveform: Waveform?
  /// Fold timings per layer, when `recordsFolds` is set.
  public internal(set) var folds: [[FoldRecord]] = []
  let layout: QCNPESignalLayout?

  /// An observer that records nothing (the default: no cost).
  public static let none = QCNPEObserver(recordsFolds: false, waveformWindow: nil, config: QCNPEConfig())

  /// An observer keeping fold timings and/or the signals of `config`'s array over `waveformWindow`.
  public init(recordsFolds: Bool, waveformWindow: ClosedRange<UInt64>?, config: QCNPEConfig) {
    self.recordsFolds = recordsFolds
    if let waveformWindow {
      let layout = QCNPESignalLayout(config: config)
      self.layout = layout
      waveform = Waveform(signals: layout.signals, window: waveformWindow, clockMHz: config.clockMHz)
    } else {
      layout = nil
      waveform = nil
    }
  }

  /// Whether anything must be sampled at `cycle`.
  @inline(__always) func samples(_ cycle: Int) -> Bool { waveform?.records(UInt64(cycle)) ?? false }

  mutating func sample(_ signal: Int, _ value: Int64, at cycle: Int) {
    waveform?.sample(signal, value, at: UInt64(cycle))
  }

  /// Samples the FIFO occupancies, the stall wire and the layer and fold indices.
  mutating func sampleBorder(cycle: Int, feeder: FIFOFeeder?, stalled: Bool, layer: Int, fold: Int) {
    guard let layout, samples(cycle) else { return }
    for row in 0..<layout.rows { sample(layout.leftFIFO(row), Int64(feeder?.leftOccupancy[row] ?? 0), at: cycle) }
    for col in 0..<layout.cols { sample(layout.topFIFO(col), Int64(feeder?.topOccupancy[col] ?? 0), at: cycle) }
    sample(layout.stall, stalled ? 1 : 0, at: cycle)
    sample(layout.layer, Int64(layer), at: cycle)
    sample(layout.fold, Int64(fold), at: cycle)
  }

  /// Samples every NCU as idle and clock-gated (stall, drain wait, tail, pooling).
  mutating func sampleIdleNCUs(cycle: Int) {
    guard let layout, samples(cycle) else { return }
    for ncu in 0..<(layout.rows * layout.cols) {
      sample(layout.ncuSignal(ncu, .valid), 0, at: cycle)
      sample(layout.ncuSignal(ncu, .clockEnable), 0, at: cycle)
    }
  }
}

/// The timing of one fold of a GEMM layer (or the single AFU pass of a pooling layer).
public struct FoldRecord: Equatable, Sendable {
  /// The cycle the fold's first step ran.
  public var startCycle: Int
  /// The cycle after its last step.
  public var endCycle: Int
  /// Cycles it stalled on memory (included in start...end).
  public var stallCycles: Int
  /// Array rows and columns it used.
  public var rowsUsed: Int
  /// Array columns it used.
  public var colsUsed: Int
}

/// Where each QCNPE signal sits in a `Waveform`.
struct QCNPESignalLayout: Sendable {
  enum NCUSignal: Int, CaseIterable {
    case valid, input, weight, accumulator, precision, clockEnable
  }

  let rows: Int
  let cols: Int
  let signals: [Waveform.Signal]
  private let fifoBase: Int

  init(config: QCNPEConfig) {
    rows = config.rows
    cols = config.cols
    var signals: [Waveform.Signal] = []
    for r in 0..<rows {
      for c in 0..<cols {
        let scope = ["qcnpe", "ncu_r\(r)_c\(c)"]
        signals.append(.init(scope: scope, name: "valid", widthBits: 1))
        signals.append(.init(scope: scope, name: "input", widthBits: config.wordBits))
        signals.append(.init(scope: scope, name: "weight", widthBits: config.wordBits))
        signals.append(.init(scope: scope, name: "acc", widthBits: min(64, config.accumulatorBits)))
        signals.append(.init(scope: scope, name: "precision", widthBits: 5))
        signals.append(.init(scope: scope, name: "clk_en", widthBits: 1))
      }
    }
    fifoBase = signals.count
    let occupancyBits = max(1, Int.bitWidth - config.fifoDepth.leadingZeroBitCount)
    for r in 0..<rows { signals.append(.init(scope: ["qcnpe", "fifo_left"], name: "occupancy_r\(r)", widthBits: occupancyBits)) }
    for c in 0..<cols { signals.append(.init(scope: ["qcnpe", "fifo_top"], name: "occupancy_c\(c)", widthBits: occupancyBits)) }
    signals.append(.init(scope: ["qcnpe"], name: "stall", widthBits: 1))
    signals.append(.init(scope: ["qcnpe"], name: "layer", widthBits: 16))
    signals.append(.init(scope: ["qcnpe"], name: "fold", widthBits: 32))
    self.signals = signals
  }

  func ncuSignal(_ ncu: Int, _ signal: NCUSignal) -> Int { ncu * NCUSignal.allCases.count + signal.rawValue }
  func leftFIFO(_ row: Int) -> Int { fifoBase + row }
  func topFIFO(_ col: Int) -> Int { fifoBase + rows + col }
  var stall: Int { fifoBase + rows + cols }
  var layer: Int { stall + 1 }
  var fold: Int { stall + 2 }
}

extension QCNPEConfig {
  /// The number of signals a waveform of an R×C array holds: six per NCU, one occupancy per
  /// FIFO, and the stall, layer and fold signals.
  public static func signalCount(rows: Int, cols: Int) -> Int { 6 * rows * cols + rows + cols + 3 }
}
