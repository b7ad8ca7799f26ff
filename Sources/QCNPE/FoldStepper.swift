/// Per-fold work done while the layer runner advances the array: the `cycle` fidelity steps
/// every NCU; the `fast` fidelity does nothing here and accounts in closed form.
protocol FoldStepper {
  /// Whether the stepper keeps per-NCU state (then every fold must be stepped; otherwise a
  /// run of identical folds may be skipped in one go).
  static var stepsNCUs: Bool { get }
  /// A fold starts: precision registers are written, accumulators cleared.
  mutating func beginFold(_ index: Int, _ fold: GEMMPlan.Fold)
  /// The array takes step `step` (0 ≤ step < K + R + C − 2) of the fold.
  mutating func step(_ step: Int, _ fold: GEMMPlan.Fold)
  /// The fold's last step has run; its sums go to the AFUs.
  mutating func endFold(_ index: Int, _ fold: GEMMPlan.Fold)
  /// Samples every NCU's signals after step `step` into the observer's waveform.
  func sample(into observer: inout QCNPEObserver, cycle: Int, step: Int, fold: GEMMPlan.Fold)
}

/// The `fast` fidelity's stepper: no per-NCU work.
struct SkipNCUs: FoldStepper {
  static var stepsNCUs: Bool { false }
  mutating func beginFold(_ index: Int, _ fold: GEMMPlan.Fold) {}
  mutating func step(_ step: Int, _ fold: GEMMPlan.Fold) {}
  mutating func endFold(_ index: Int, _ fold: GEMMPlan.Fold) {}
  func sample(into observer: inout QCNPEObserver, cycle: Int, step: Int, fold: GEMMPlan.Fold) {}
}
