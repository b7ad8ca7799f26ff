/// What one group of a GEMM layer asks of the memory hierarchy, array step by array step: the
/// ifmap and filter words each step reads (in array order, as SCALE-Sim's demand matrices list
/// them) and the outputs it writes; and the order in which the read SRAMs prefetch their words
/// (SCALE-Sim's prefetch matrices).
///
/// ```
///   os  step τ of a fold: row r reads input (m0 + r, τ − r); column c reads weight
///       (τ − c, n0 + c); column c writes the output of row R − 1 − (τ − c − K + 1)
///   ws  steps 0…R−1 preload weights bottom row first (step τ: row R − 1 − τ, every column);
///       row r reads input (τ − R − r, k0 + r); column c writes partial sum τ − c − 2R + 1
///   is  as ws with inputs preloaded (column c holds GEMM row m0 + c) and weights streamed
///       (row r reads weight (k0 + r, τ − R − r)); column c writes neuron τ − c − 2R + 1
/// ```
struct OperandDemand {
  let plan: GEMMPlan
  let addresses: InputAddressTable
  let addressing: OperandAddressing

  init(plan: GEMMPlan, addressing: OperandAddressing) {
    self.plan = plan
    self.addressing = addressing
    addresses = InputAddressTable(addressing)
  }

  /// The steps `low..<high` of a skewed schedule in which lane i is active while
  /// `offset + i ≤ step < offset + i + length`, clipped to `used` lanes.
  @inline(__always)
  static func lanes(step: Int, offset: Int, length: Int, used: Int) -> Range<Int> {
    let low = max(0, step - offset - length + 1)
    let high = min(used, step - offset + 1)
    return low < high ? low..<high : 0..<0
  }

  /// Writes the ifmap ids step `step` of `fold` reads into `ids` (−1 for a tap in the
  /// padding) and returns how many.
  func inputIDs(fold: GEMMPlan.Fold, step: Int, into ids: UnsafeMutablePointer<Int>) -> Int {
    let rows = plan.rows
    var count = 0
    switch plan.dataflow {
    case .outputStationary:
      for r in OperandDemand.lanes(step: step, offset: 0, length: plan.shape.k, used: fold.rowsUsed) {
        ids[count] = addresses.id(row: fold.firstRow + r, reduction: step - r)
        count += 1
      }
    case .weightStationary:
      for r in OperandDemand.lanes(step: step, offset: rows, length: plan.shape.m, used: fold.rowsUsed) {
        ids[count] = addresses.id(row: step - rows - r, reduction: fold.firstReduction + r)
        count += 1
      }
    case .inputStationary:
      let row = rows - 1 - step
      guard step < rows, row < fold.rowsUsed else { return 0 }
      for c in 0..<fold.colsUsed {
        ids[count] = addresses.id(row: fold.firstRow + c, reduction: fold.firstReduction + row)
        count += 1
      }
    }
    return count
  }

  /// Writes the filter ids step `step` of `fold` reads into `ids` and returns how many.
  func filterIDs(fold: GEMMPlan.Fold, step: Int, group: Int, into ids: UnsafeMutablePointer<Int>) -> Int {
    let rows = plan.rows
    let firstNeuron = fold.firstNeuron - group * plan.shape.n
    var count = 0
    switch plan.dataflow {
    case .outputStationary:
      for c in OperandDemand.lanes(step: step, offset: 0, length: plan.shape.k, used: fold.colsUsed) {
        ids[count] = addressing.filterID(reduction: step - c, neuron: firstNeuron + c)
        count += 1
      }
    case .weightStationary:
      let row = rows - 1 - step
      guard step < rows, row < fold.rowsUsed else { return 0 }
      for c in 0..<fold.colsUsed {
        ids[count] = addressing.filterID(reduction: fold.firstReduction + row, neuron: firstNeuron + c)
        count += 1
      }
    case .inputStationary:
      for r in OperandDemand.lanes(step: step, offset: rows, length: plan.shape.n, used: fold.rowsUsed) {
        ids[count] = addressing.filterID(reduction: fold.firstReduction + r, neuron: step - rows - r)
        count += 1
      }
    }
    return count
  }

  /// Outputs (os) or partial sums (ws, is) step `step` of `fold` writes to the ofmap SRAM.
  func outputCount(fold: GEMMPlan.Fold, step: Int) -> Int {
    let rows = plan.rows
    switch plan.dataflow {
    case .outputStationary:
      // Column c writes the sum of array row R − 1 − j at step K − 1 + j + c (the bottom row
      // first); only rows that hold work write.
      let k = plan.shape.k
      let low = max(0, step - (k - 1) - (rows - 1))
      let high = min(fold.colsUsed - 1, step - (k - 1) - (rows - fold.rowsUsed))
      return max(0, high - low + 1)
    case .weightStationary, .inputStationary:
      return OperandDemand.lanes(step: step, offset: 2 * rows - 1, length: plan.streamLength, used: fold.colsUsed).count
    }
  }

  /// The ids of one operand in the order its SRAM prefetches them, padding (−1) left out, and
  /// the number of entries SCALE-Sim's prefetch matrix has (padding included).
  func prefetchOrder(inputs: Bool) -> (ids: [Int32], entries: Int) {
    let rows = plan.rows
    let cols = plan.cols
    let m = plan.shape.m
    let n = plan.shape.n
    let k = plan.shape.k
    var ids: [Int32] = []
    func append(_ id: Int) { if id >= 0 { ids.append(Int32(truncatingIfNeeded: id)) } }
    // Entry (row, column) of a prefetch matrix whose row folds (or column folds) are stacked
    // `length` rows apart; nil for padding.
    switch (plan.dataflow, inputs) {
    case (.outputStationary, true):
      let height = k * plan.rowFolds
      diagonals(rows: height, cols: rows) { row, r in
        let gemmRow = row / k * rows + r
        append(gemmRow < m ? addresses.id(row: gemmRow, reduction: row % k) : -1)
      }
      return (ids, height * rows)
    case (.outputStationary, false):
      let height = k * plan.columnFolds
      diagonals(rows: height, cols: cols) { row, c in
        let neuron = row / k * cols + c
        append(neuron < n ? addressing.filterID(reduction: row % k, neuron: neuron) : -1)
      }
      return (ids, height * cols)
    case (.weightStationary, true):
      let height = m * plan.rowFolds
      diagonals(rows: height, cols: rows) { row, r in
        let reduction = row / m * rows + r
        append(reduction < k ? addresses.id(row: row % m, reduction: reduction) : -1)
      }
      return (ids, height * rows)
    case (.weightStationary, false):
      for columnFold in 0..<plan.columnFolds {
        for reduction in 0..<k {
          for c in 0..<cols {
            let neuron = columnFold * cols + c
            append(neuron < n ? addressing.filterID(reduction: reduction, neuron: neuron) : -1)
          }
        }
      }
      return (ids, k * plan.columnFolds * cols)
    case (.inputStationary, true):
      for columnFold in 0..<plan.columnFolds {
        for reduction in 0..<k {
          for c in 0..<cols {
            let gemmRow = columnFold * cols + c
            append(gemmRow < m ? addresses.id(row: gemmRow, reduction: reduction) : -1)
          }
        }
      }
      return (ids, k * plan.columnFolds * cols)
    case (.inputStationary, false):
      let height = n * plan.rowFolds
      diagonals(rows: height, cols: rows) { row, r in
        let reduction = row / n * rows + r
        append(reduction < k ? addressing.filterID(reduction: reduction, neuron: row % n) : -1)
      }
      return (ids, height * rows)
    }
  }

  /// Visits a rows × cols matrix along its anti-diagonals, each from its lowest row up
  /// (SCALE-Sim rolls a prefetch matrix out this way so that the skewed demand finds its words
  /// early).
  private func diagonals(rows: Int, cols: Int, _ visit: (Int, Int) -> Void) {
    for diagonal in 0..<(rows + cols) {
      let highest = min(diagonal, rows - 1)
      let lowest = max(0, diagonal - cols + 1)
      guard highest >= lowest else { continue }
      for row in stride(from: highest, through: lowest, by: -1) { visit(row, diagonal - row) }
    }
  }
}
