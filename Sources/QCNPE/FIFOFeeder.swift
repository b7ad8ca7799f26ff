/// The on-chip memory refilling the left (input) and top (weight) FIFO arrays of one layer,
/// and the FIFO occupancies that decide whether the array can take its next step.
///
/// ```
///   on-chip memory ──B words/cycle──► left FIFOs (R, depth D) ──► NCU rows
///                                 └─► top FIFOs  (C, depth D) ──► NCU columns
/// ```
/// Every operand word has a deadline: the array step at which it enters the array (operand
/// k of fold s reaches row r's border NCU at step s·P + k + r). The memory delivers words
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
  private var cursorFoldGeometry: GEMMPlan.Fold

  init(plan: GEMMPlan, depth: Int, wordsPerCycle: Int) {
    self.plan = plan
    self.depth = depth
    self.wordsPerCycle = wordsPerCycle
    leftOccupancy = Array(repeating: 0, count: plan.rows)
    topOccupancy = Array(repeating: 0, count: plan.cols)
    cursorFoldGeometry = plan.fold(0)
  }

  /// The array rows and columns whose FIFOs pop at step `step` of a fold: operand k enters
  /// row r at step k + r, so row r is active while 0 ≤ step − r < K.
  @inline(__always)
  static func activeRange(step: Int, used: Int, k: Int) -> Range<Int> {
    let low = max(0, step - k + 1)
    let high = min(used, step + 1)
    return low < high ? low..<high : 0..<0
  }

  /// Delivers up to `wordsPerCycle` words for one cycle.
  mutating func deliver() {
    var budget = wordsPerCycle
    let k = plan.shape.k
    let foldCount = plan.foldCount
    while budget > 0, cursorFold < foldCount {
      let rows = FIFOFeeder.activeRange(step: cursorStep, used: cursorFoldGeometry.rowsUsed, k: k)
      let cols = FIFOFeeder.activeRange(step: cursorStep, used: cursorFoldGeometry.colsUsed, k: k)
      if cursorIndex >= rows.count + cols.count {
        cursorIndex = 0
        cursorStep += 1
        if cursorStep >= k + max(cursorFoldGeometry.rowsUsed, cursorFoldGeometry.colsUsed) - 1 {
          cursorStep = 0
          cursorFold += 1
          if cursorFold < foldCount { cursorFoldGeometry = plan.fold(cursorFold) }
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
    cursorFold += folds
    if cursorFold < plan.foldCount { cursorFoldGeometry = plan.fold(cursorFold) }
    leftPushes += left
    topPushes += top
  }

  /// Pops the words for step `step` of `fold` if every active FIFO holds one; returns whether
  /// the array could take the step.
  mutating func tryPop(fold: GEMMPlan.Fold, step: Int) -> Bool {
    let k = plan.shape.k
    let rows = FIFOFeeder.activeRange(step: step, used: fold.rowsUsed, k: k)
    let cols = FIFOFeeder.activeRange(step: step, used: fold.colsUsed, k: k)
    for row in rows where leftOccupancy[row] == 0 { return false }
    for col in cols where topOccupancy[col] == 0 { return false }
    for row in rows { leftOccupancy[row] -= 1 }
    for col in cols { topOccupancy[col] -= 1 }
    return true
  }
}
