import SimKernel

/// Per-fold work done while the layer runner advances the array: the `cycle` fidelity steps
/// every NCU; the `fast` fidelity does nothing here and accounts in closed form.
///
/// The runner owns time (steps, stalls, FIFOs, waveform samples); a stepper owns the NCUs'
/// state. The runner hands the stepper the steps the array took as contiguous runs, in order:
/// one run per fold when nothing looks at the array in between, one step at a time while a
/// waveform samples it. NCUs of an output-stationary fold exchange operands but never partial
/// sums, so a stepper may evaluate a run row by row, as long as every NCU sees the operands of
/// every step of the run before the runner samples or ends the fold.
protocol FoldStepper {
  /// Whether the stepper keeps per-NCU state (then every fold must be stepped; otherwise a
  /// run of identical folds may be skipped in one go).
  static var stepsNCUs: Bool { get }
  /// A fold starts: precision registers are written, accumulators cleared.
  mutating func beginFold(_ index: Int, _ fold: GEMMPlan.Fold)
  /// The array takes steps `steps` of the fold (0 ≤ step < K + R + C − 2); runs arrive in
  /// order and together cover every step of the fold exactly once.
  mutating func step(_ steps: Range<Int>, _ fold: GEMMPlan.Fold)
  /// The fold's last step has run; its sums go to the AFUs.
  mutating func endFold(_ index: Int, _ fold: GEMMPlan.Fold)
  /// Samples every NCU's signals after step `step` into the observer's waveform.
  func sample(into observer: inout QCNPEObserver, cycle: Int, step: Int, fold: GEMMPlan.Fold)
}

/// A `cycle` fidelity stepper: it steps every NCU, records their activity in its own ledger
/// and may collect the layer's sums.
protocol NCUStepper: FoldStepper {
  /// The NCUs' activity over the layer.
  var ledger: ActivityLedger { get }
  /// The layer's exact sums (GEMM rows × neurons), when collected.
  var outputs: [Int64]? { get }
  /// Frees buffers held outside the value; the stepper must not be used afterwards.
  func release()
}

extension NCUStepper {
  func release() {}
}

/// The `fast` fidelity's stepper: no per-NCU work.
struct SkipNCUs: FoldStepper {
  static var stepsNCUs: Bool { false }
  mutating func beginFold(_ index: Int, _ fold: GEMMPlan.Fold) {}
  mutating func step(_ steps: Range<Int>, _ fold: GEMMPlan.Fold) {}
  mutating func endFold(_ index: Int, _ fold: GEMMPlan.Fold) {}
  func sample(into observer: inout QCNPEObserver, cycle: Int, step: Int, fold: GEMMPlan.Fold) {}
}
