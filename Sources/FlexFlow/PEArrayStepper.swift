/// The `cycle` fidelity: steps the PE array, its buses and its local-store loads one cycle at
/// a time (Lu et al., HPCA 2017, Figs. 6, 7a and 9).
///
/// ```
///   Neuron Buffer 1 ──column buses (Ti·Tj per input-map group)──► neuron local stores
///   Kernel Buffer   ──row buses (broadcast over a group's Tr·Tc rows)──► kernel local stores
///   PE(ρ, D−1) → … → PE(ρ, 0) → row accumulator → pooling ALU → Neuron Buffer 2
/// ```
///
/// Each cycle, every PE whose row holds an in-bounds output neuron and whose column holds an
/// in-bounds synapse multiplies; the load of the next block advances on every bus. Which words
/// a block needs is found by enumerating every PE's operands for every step and marking them
/// in a word-stamp table, independently of the closed forms of `BlockSchedule`.
struct PEArrayStepper {
  let loops: ConvolutionLoops
  let u: Unrolling
  let config: FlexFlowConfig
  /// Per PE row: output map, row and column offsets inside a block (mm, rr, cc).
  private var rowMap: [(mm: Int, rr: Int, cc: Int)] = []
  /// Per PE column: input map, kernel row and column offsets (nn, ii, jj).
  private var colMap: [(nn: Int, ii: Int, jj: Int)] = []
  /// The last block (global index over all samples) that needed each padded input word
  /// (n, y, x); -1 for none yet. Samples reuse the table: a new sample starts a new row of
  /// tiles, where no word is reused.
  private var stamps: [Int]
  /// Words each input-map group's buses must still deliver for the block being loaded.
  private var groupRemaining: [Int]
  /// Words each row bus must still deliver for the block being loaded.
  private var rowRemaining: [Int]

  init(loops: ConvolutionLoops, unrolling: Unrolling, config: FlexFlowConfig) {
    self.loops = loops
    self.u = unrolling
    self.config = config
    let side = config.side
    for row in 0..<side {
      rowMap.append(row < u.rowsUsed ? (row / (u.tr * u.tc), (row / u.tc) % u.tr, row % u.tc) : (-1, -1, -1))
    }
    for col in 0..<side {
      colMap.append(col < u.colsUsed ? (col / (u.ti * u.tj), (col / u.tj) % u.ti, col % u.tj) : (-1, -1, -1))
    }
    stamps = Array(repeating: -1, count: loops.inputMaps * loops.inputRows * loops.inputCols)
    groupRemaining = Array(repeating: 0, count: u.tn)
    rowRemaining = Array(repeating: 0, count: side)
  }

  /// The coordinates of block `index` in loop order (sample, m0, n0, r0, c0).
  private func block(_ index: Int) -> (m0: Int, n0: Int, r0: Int, c0: Int) {
    let cTiles = ceilDiv(loops.outputCols, u.tc)
    let rTiles = ceilDiv(loops.outputRows, u.tr)
    let nTiles = ceilDiv(loops.inputMaps, u.tn)
    let mTiles = ceilDiv(loops.outputMaps, u.tm)
    var rest = index
    let c0 = rest % cTiles
    rest /= cTiles
    let r0 = rest % rTiles
    rest /= rTiles
    let n0 = rest % nTiles
    rest /= nTiles
    return (rest % mTiles, n0, r0, c0)
  }

  /// Starts loading block `index`: enumerates the words it needs and sets each bus's load.
  private mutating func beginLoad(_ index: Int, counts: inout LayerCounts) {
    let (m0, n0, r0, c0) = block(index)
    let continuesRow = c0 > 0
    let newKernels = r0 == 0 && c0 == 0
    let rowSteps = ceilDiv(loops.kernelRows, u.ti)
    let colSteps = ceilDiv(loops.kernelCols, u.tj)
    let loops = self.loops
    let u = self.u
    var neuronWords = 0
    var kernelStoreWrites = 0
    var kernelWords = 0
    // One pass over every PE's operands; unsafe buffers keep bounds checks and copy-on-write
    // checks out of the loop that dominates the cycle fidelity's time.
    rowMap.withUnsafeBufferPointer { rowMap in
      colMap.withUnsafeBufferPointer { colMap in
        stamps.withUnsafeMutableBufferPointer { stamps in
          groupRemaining.withUnsafeMutableBufferPointer { groupRemaining in
            rowRemaining.withUnsafeMutableBufferPointer { rowRemaining in
              for group in groupRemaining.indices { groupRemaining[group] = 0 }
              for row in rowRemaining.indices { rowRemaining[row] = 0 }
              for row in 0..<u.rowsUsed {
                let (mm, rr, cc) = rowMap[row]
                let m = m0 * u.tm + mm
                let r = r0 * u.tr + rr
                let c = c0 * u.tc + cc
                guard m < loops.outputMaps else { continue }
                let outputInBounds = r < loops.outputRows && c < loops.outputCols
                for col in 0..<u.colsUsed {
                  let (nn, ii, jj) = colMap[col]
                  let n = n0 * u.tn + nn
                  guard n < loops.inputMaps else { continue }
                  for i0 in 0..<rowSteps {
                    let i = i0 * u.ti + ii
                    guard i < loops.kernelRows else { continue }
                    for j0 in 0..<colSteps {
                      let j = j0 * u.tj + jj
                      guard j < loops.kernelCols else { continue }
                      if newKernels {
                        // A new (sample, m0, n0): every row of the group stores the synapse.
                        rowRemaining[row] += 1
                        kernelStoreWrites += 1
                        if rr == 0 && cc == 0 { kernelWords += 1 }
                      }
                      guard outputInBounds else { continue }
                      let word = (n * loops.inputRows + r * loops.strideY + i) * loops.inputCols + c * loops.strideX + j
                      let seen = stamps[word]
                      if seen == index { continue }
                      stamps[word] = index
                      if continuesRow && seen == index - 1 { continue }
                      groupRemaining[nn] += 1
                      neuronWords += 1
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    counts.neuronWords += neuronWords
    counts.kernelStoreWrites += kernelStoreWrites
    counts.kernelWords += kernelWords
  }

  /// Advances every bus by one cycle; returns whether the load in flight is complete.
  private mutating func advanceBuses() -> Bool {
    var done = true
    let groupBandwidth = u.ti * u.tj * config.neuronBusWordsPerCycle
    for group in groupRemaining.indices {
      groupRemaining[group] = max(0, groupRemaining[group] - groupBandwidth)
      if groupRemaining[group] > 0 { done = false }
    }
    for row in rowRemaining.indices {
      rowRemaining[row] = max(0, rowRemaining[row] - config.kernelBusWordsPerCycle)
      if rowRemaining[row] > 0 { done = false }
    }
    return done
  }

  /// Steps the whole layer and returns its counts.
  mutating func run() -> LayerCounts {
    var counts = LayerCounts()
    let blocks = u.blockCount(loops)
    let rowSteps = ceilDiv(loops.kernelRows, u.ti)
    let colSteps = ceilDiv(loops.kernelCols, u.tj)
    let nTiles = ceilDiv(loops.inputMaps, u.tn)
    let side = config.side
    // Fill: the first block's data crosses the buses before any PE can start.
    beginLoad(0, counts: &counts)
    var loaded = false
    while !loaded {
      loaded = advanceBuses()
      counts.fillCycles += 1
    }
    for index in 0..<blocks {
      let (m0, n0, r0, c0) = block(index)
      var validRows = 0
      for row in 0..<side {
        let (mm, rr, cc) = rowMap[row]
        let valid =
          mm >= 0 && m0 * u.tm + mm < loops.outputMaps && r0 * u.tr + rr < loops.outputRows
          && c0 * u.tc + cc < loops.outputCols
        if valid { validRows += 1 }
      }
      // While this block computes, the next one loads into the other half of the stores.
      loaded = true
      if index + 1 < blocks {
        beginLoad(index + 1, counts: &counts)
        loaded = false
      }
      for i0 in 0..<rowSteps {
        for j0 in 0..<colSteps {
          var validColumns = 0
          for col in 0..<side {
            let (nn, ii, jj) = colMap[col]
            let valid =
              nn >= 0 && n0 * u.tn + nn < loops.inputMaps && i0 * u.ti + ii < loops.kernelRows
              && j0 * u.tj + jj < loops.kernelCols
            if valid { validColumns += 1 }
          }
          // A PE multiplies when its row holds an output and its column a synapse: the valid
          // rows times the valid columns this step.
          let stepMACs = validRows * validColumns
          counts.macs += stepMACs
          if stepMACs > 0 { counts.rowAccumulates += validRows }
          counts.computeCycles += 1
          if !loaded { loaded = advanceBuses() }
        }
      }
      while !loaded {
        loaded = advanceBuses()
        counts.stallCycles += 1
      }
      counts.outputWrites += validRows
      if n0 > 0 { counts.partialReads += validRows }
      if n0 == nTiles - 1 { counts.activations += validRows }
    }
    counts.tailCycles = config.outputLatencyCycles
    return counts
  }
}
