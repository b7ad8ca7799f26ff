/// The on-chip memory refilling the left (input) and top (weight) FIFO arrays of one layer,
/// and the FIFO occupancies that decide whether the array can take its next step.
///
/// ```
///   on-chip memory ──B words/cycle──► left FIFOs (R, depth D) ──► NCU rows
///                                 └─► top FIFOs  (C, depth D) ──► NCU columns
/// ```
/// Every operand word has a deadline: the array step at which it enters the array (os:
/// operand k of fold s reaches row r's border NCU at step s·P + k + r; ws and is: the top FIFOs
/// preload the stationary words in the fold's first R steps, then row r's FIFO streams word t
/// at step s·P + R + r + t). The memory delivers words
/// in deadline order (ties: left FIFOs by row, then top FIFOs by column), up to B a cycle,
/// and stops at a word whose FIFO is full: a FIFO takes any number of words in a cycle up to
/// its free space. Words delivered in a cycle can be popped in the same cycle (the FIFO
/// flows through when empty). The array takes step τ only when every FIFO it pops at τ holds
/// a word; otherwise the whole array stalls for the cycle (a systolic array cannot let one
/// row run ahead of the skew).
///
/// In deadline order, every word the array needs is delivered before any later word, so with
/// B at least the number of FIFOs active at once the array never stalls; the models then skip
/// this simulation (docs/qcnpe.md proves it).
struct FIFOFeeder {
  let plan: GEMMPlan
  let depth: Int
  let wordsPerCycle: Int
  private(set) var leftOccupancy: [Int]
  private(set) var topOccupancy: [Int]
  /// Words delivered into the left and top FIFOs so far.
  private(set) var leftPushes = 0
  private(set) var topPushes = 0

  // The delivery cursor: fold, step within the fold, position in that step's word list.
  private var cursorFold = 0
  private var cursorStep = 0
  private var cursorIndex = 0
  private var cursorLeft: PopSchedule
  private var cursorTop: PopSchedule
  private var cursorEnd: Int

  init(plan: GEMMPlan, depth: Int, wordsPerCycle: Int) {
    self.plan = plan
    self.depth = depth
    self.wordsPerCycle = wordsPerCycle
    leftOccupancy = Array(repeating: 0, count: plan.rows)
    topOccupancy = Array(repeating: 0, count: plan.cols)
    let fold = plan.fold(0)
    cursorLeft = FIFOFeeder.leftSchedule(plan, fold)
    cursorTop = FIFOFeeder.topSchedule(plan, fold)
    cursorEnd = max(cursorLeft.end, cursorTop.end)
  }

  private mutating func moveCursor(toFold fold: Int) {
    cursorFold = fold
    guard fold < plan.foldCount else { return }
    let geometry = plan.fold(fold)
    cursorLeft = FIFOFeeder.leftSchedule(plan, geometry)
    cursorTop = FIFOFeeder.topSchedule(plan, geometry)
    cursorEnd = max(cursorLeft.end, cursorTop.end)
  }

  /// When the FIFOs along one border pop during a fold: lane i (a row or a column) pops while
  /// `offset + i ≤ step < offset + i + length` when skewed, while `offset ≤ step < offset +
  /// length` otherwise.
  struct PopSchedule {
    var offset: Int
    var length: Int
    var skewed: Bool
    var used: Int

    /// The lanes that pop at `step`.
    @inline(__always)
    func active(_ step: Int) -> Range<Int> {
      if skewed { return OperandDemand.lanes(step: step, offset: offset, length: length, used: used) }
      return step >= offset && step < offset + length ? 0..<used : 0..<0
    }

    /// The step after the last pop.
    var end: Int { used == 0 ? 0 : offset + length + (skewed ? used - 1 : 0) }
  }

  /// The left FIFOs' schedule for `fold`: os streams operand k into row r at step k + r; ws and
  /// is stream word t at step R + r + t, after the preload.
  static func leftSchedule(_ plan: GEMMPlan, _ fold: GEMMPlan.Fold) -> PopSchedule {
    plan.dataflow == .outputStationary
      ? PopSchedule(offset: 0, length: plan.shape.k, skewed: true, used: fold.rowsUsed)
      : PopSchedule(offset: plan.rows, length: plan.streamLength, skewed: true, used: fold.rowsUsed)
  }

  /// The top FIFOs' schedule for `fold`: os streams operand k into column c at step k + c; ws
  /// and is preload one word per used row, bottom row first, in steps R − rows … R − 1.
  static func topSchedule(_ plan: GEMMPlan, _ fold: GEMMPlan.Fold) -> PopSchedule {
    plan.dataflow == .outputStationary
      ? PopSchedule(offset: 0, length: plan.shape.k, skewed: true, used: fold.colsUsed)
      : PopSchedule(offset: plan.rows - fold.rowsUsed, length: fold.rowsUsed, skewed: false, used: fold.colsUsed)
  }

  /// Delivers up to `wordsPerCycle` words for one cycle.
  mutating func deliver() {
    var budget = wordsPerCycle
    let foldCount = plan.foldCount
    while budget > 0, cursorFold < foldCount {
      let rows = cursorLeft.active(cursorStep)
      let cols = cursorTop.active(cursorStep)
      if cursorIndex >= rows.count + cols.count {
        cursorIndex = 0
        cursorStep += 1
        if cursorStep >= cursorEnd {
          cursorStep = 0
          moveCursor(toFold: cursorFold + 1)
        }
        continue
      }
      if cursorIndex < rows.count {
        let row = rows.lowerBound + cursorIndex
        guard leftOccupancy[row] < depth else { return }
        leftOccupancy[row] += 1
        leftPushes += 1
      } else {
        let col = cols.lowerBound + cursorIndex - rows.count
        guard topOccupancy[col] < depth else { return }
        topOccupancy[col] += 1
        topPushes += 1
      }
      cursorIndex += 1
      budget -= 1
    }
  }

  /// The feeder's state as seen from the start of fold `fold`: every FIFO's occupancy and the
  /// delivery cursor relative to that fold. Two folds that start from equal signatures, with
  /// equal geometry ahead, run identically (the steady state the fast fidelity skips over).
  func signature(atFold fold: Int) -> [Int] {
    leftOccupancy + topOccupancy + [cursorFold - fold, cursorStep, cursorIndex]
  }

  /// Moves the feeder `folds` folds ahead in a steady state: the cursor advances with the
  /// array, occupancies repeat, and the skipped folds delivered `left` and `top` words.
  mutating func skipSteadyFolds(_ folds: Int, leftPushes left: Int, topPushes top: Int) {
    moveCursor(toFold: cursorFold + folds)
    leftPushes += left
    topPushes += top
  }

  /// Pops the words for step `step` of `fold` if every active FIFO holds one; returns whether
  /// the array could take the step.
  mutating func tryPop(fold: GEMMPlan.Fold, step: Int) -> Bool {
    let rows = FIFOFeeder.leftSchedule(plan, fold).active(step)
    let cols = FIFOFeeder.topSchedule(plan, fold).active(step)
    for row in rows where leftOccupancy[row] == 0 { return false }
    for col in cols where topOccupancy[col] == 0 { return false }
    for row in rows { leftOccupancy[row] -= 1 }
    for col in cols { topOccupancy[col] -= 1 }
    return true
  }
}
