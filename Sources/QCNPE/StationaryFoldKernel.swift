/// The multiply-adds of one whole weight- or input-stationary fold: NCU(r, c) holds its
/// stationary word S[r][c] and adds S[r][c]·X[r][t] into column c's partial sum of output t,
/// for every streamed word t.
///
/// Column c's T partial sums and row r's T streamed words are contiguous, so each NCU is one
/// multiply-add over two unit-stride runs, with the dataflow decided outside the loops. Words
/// are at most 16 bits (`QCNPEConfig.wordBits` ≤ 16), so a product fits 32 bits and is widened
/// only to be added, and the loop is left simple enough for the compiler to vectorise.
struct StationaryFoldKernel {
  /// Array rows and columns the fold uses.
  let rowsUsed: Int
  let colsUsed: Int
  /// Array columns (the stride of the stationary words' rows).
  let cols: Int
  /// Words streamed past each NCU, T.
  let streamLength: Int
  /// ws (weights held, inputs truncated by their column's mask) or is (inputs held, truncated
  /// by each streamed neuron's mask).
  let isWeightStationary: Bool

  /// Adds the fold's products into `partialSums` (column c's T sums at c·T): `stationary`
  /// holds row r's words at r·cols, `streamed` row r's T words at r·T, `inputMasks` one mask
  /// per column (ws) or per streamed word (is).
  func run(
    stationary: UnsafeBufferPointer<Int32>, streamed: UnsafeBufferPointer<Int32>, inputMasks: UnsafeBufferPointer<Int32>,
    partialSums: UnsafeMutableBufferPointer<Int64>
  ) {
    guard let held = stationary.baseAddress, let passing = streamed.baseAddress, let mask = inputMasks.baseAddress,
      let outputs = partialSums.baseAddress
    else { return }
    let t = streamLength
    for c in 0..<colsUsed {
      let column = outputs + c * t
      for r in 0..<rowsUsed {
        let row = passing + r * t
        let word = held[r * cols + c]
        if isWeightStationary {
          let inputMask = mask[c]
          for i in 0..<t { column[i] &+= Int64((row[i] & inputMask) &* word) }
        } else {
          for i in 0..<t { column[i] &+= Int64((word & mask[i]) &* row[i]) }
        }
      }
    }
  }
}
