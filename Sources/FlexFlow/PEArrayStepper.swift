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
///
/// Work skipped without changing any cycle or count:
/// - blocks load alike within a class (`loadClass`): the first block of each class enumerates
///   its words, the others take its loads (debug builds enumerate every block and compare);
/// - a load's buses finish together after `BlockLoad.cycles` cycles (the slowest bus), so the
///   stepper counts that down each cycle instead of decrementing every bus;
/// - the PE rows (columns) that hold real work are a product of per-loop ranges (output maps ×
///   rows × columns, input maps × kernel rows × kernel columns), so they are counted as
///   products of in-bounds range lengths instead of row by row.
struct PEArrayStepper {
  let loops: ConvolutionLoops
  let u: Unrolling
  let config: FlexFlowConfig
  /// Per PE row: output map, row and column offsets inside a block (mm, rr, cc).
  private var rowMap: [(mm: Int, rr: Int, cc: Int)] = []
  /// Per PE column: input map, kernel row and column offsets (nn, ii, jj).
  private var colMap: [(nn: Int, ii: Int, jj: Int)] = []
  /// Every in-kernel synapse operand of the PE columns over a block's steps, in column order:
  /// its word offset (nn·rows_in + i)·cols_in + j and its input-map group nn.
  private var operandOffsets: [Int] = []
  private var operandGroups: [Int32] = []
  /// `operandsBelowGroup[g]`: how many of those operands belong to groups below g.
  private var operandsBelowGroup: [Int] = []
  /// The last block (global index over all samples) that needed each padded input word
  /// (n, y, x); -1 for none yet. Samples reuse the table: a new sample starts a new row of
  /// tiles, where no word is reused.
  private let stamps: WordStamps
  /// The last block whose words were marked in the stamp table.
  private var lastEnumerated = -1
  /// The load of the first block of each load class (`loadClass`), once enumerated.
  private var knownLoads = Array(repeating: LoadSummary.unknown, count: 64)

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
    stamps = WordStamps(count: loops.inputMaps * loops.inputRows * loops.inputCols)
    operandsBelowGroup = [0]
    for col in 0..<u.colsUsed {
      let (nn, ii, jj) = colMap[col]
      while operandsBelowGroup.count <= nn { operandsBelowGroup.append(operandOffsets.count) }
      for i in stride(from: ii, to: loops.kernelRows, by: u.ti) {
        for j in stride(from: jj, to: loops.kernelCols, by: u.tj) {
          operandOffsets.append((nn * loops.inputRows + i) * loops.inputCols + j)
          operandGroups.append(Int32(nn))
        }
      }
    }
    while operandsBelowGroup.count <= u.tn { operandsBelowGroup.append(operandOffsets.count) }
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

  /// The class of block `index`'s load: which of its tiles (output maps, input maps, output
  /// rows, output columns) are the last, partial ones of their loops, whether it continues a
  /// row of column tiles (it reuses the previous block's words), and whether it starts a new
  /// (sample, m0, n0) (it loads synapses). The words a block needs are a translate of those of
  /// any block of its class, and so are the words it shares with its predecessor, so blocks of
  /// one class put the same number of words on every bus.
  @inline(__always)
  private static func loadClass(_ at: BlockCursor, tiles: BlockCursor) -> Int {
    var key = 0
    if at.m == tiles.m - 1 { key |= 1 }
    if at.n == tiles.n - 1 { key |= 2 }
    if at.r == tiles.r - 1 { key |= 4 }
    if at.c == tiles.c - 1 { key |= 8 }
    if at.c > 0 { key |= 16 }
    if at.r == 0 && at.c == 0 { key |= 32 }
    return key
  }

  /// Starts loading block `index` (of load class `key`) and returns the cycles its buses take.
  /// The first block of each load class enumerates its words; the others take its loads
  /// (debug builds enumerate every block and check that they agree).
  private mutating func beginLoad(_ index: Int, key: Int, counts: inout LayerCounts) -> Int {
    var load = knownLoads[key]
    if load.cycles == LoadSummary.unknown.cycles {
      load = summary(enumerate(index))
      knownLoads[key] = load
    } else {
      #if AXSIM_INTERNAL_CHECKS
        precondition(summary(enumerate(index)) == load, "block \(index) loads differently from the first block of its class")
      #endif
    }
    counts.neuronWords += load.neuronWords
    counts.kernelStoreWrites += load.kernelStoreWrites
    counts.kernelWords += load.kernelWords
    return load.cycles
  }

  /// A load's counts and the cycles its buses take: each input-map group's Ti·Tj column buses
  /// carry Ti·Tj·b_n words a cycle, each row bus b_k; the load is complete once the slowest
  /// bus is (at least one cycle, the bus handshake of an empty load).
  private func summary(_ load: BlockLoad) -> LoadSummary {
    let groupBandwidth = u.ti * u.tj * config.neuronBusWordsPerCycle
    var cycles = 1
    for words in load.groupWords { cycles = max(cycles, ceilDiv(words, groupBandwidth)) }
    for words in load.rowWords { cycles = max(cycles, ceilDiv(words, config.kernelBusWordsPerCycle)) }
    return LoadSummary(
      cycles: cycles, neuronWords: load.neuronWords, kernelStoreWrites: load.kernelStoreWrites, kernelWords: load.kernelWords)
  }

  /// Block `index`'s load, found by enumerating its words; a block that continues a row of
  /// column tiles first re-marks its predecessor's words unless they are the last marked (its
  /// load may have been taken from its class without enumerating).
  private mutating func enumerate(_ index: Int) -> BlockLoad {
    if block(index).c0 > 0 && lastEnumerated != index - 1 { _ = enumerateWords(index - 1) }
    lastEnumerated = index
    return enumerateWords(index)
  }

  /// Enumerates the words block `index` needs, marking them in the word-stamp table.
  ///
  /// A PE column's synapse operands over a block's steps, (input map nn, kernel row i, kernel
  /// column j), are the same in every block; each is word (n0·Tn + nn, r·sy + i, c·sx + j) of
  /// the padded input for the output neuron (r, c) of a PE row. `operandOffsets` holds
  /// (nn·rows_in + i)·cols_in + j for every in-kernel operand, in column order, so a row's words
  /// are its own base plus those offsets, and the operands of in-bounds input maps are a prefix.
  private func enumerateWords(_ index: Int) -> BlockLoad {
    let (m0, n0, r0, c0) = block(index)
    let continuesRow = c0 > 0
    let newKernels = r0 == 0 && c0 == 0
    let loops = self.loops
    let u = self.u
    var load = BlockLoad(groups: u.tn, rows: config.side)
    var neuronWords = 0
    var kernelStoreWrites = 0
    var kernelWords = 0
    let stamps = self.stamps.table
    let validGroups = min(u.tn, loops.inputMaps - n0 * u.tn)
    let operands = operandsBelowGroup[validGroups]
    let mapBase = n0 * u.tn * loops.inputRows * loops.inputCols
    operandOffsets.withUnsafeBufferPointer { offsets in
      operandGroups.withUnsafeBufferPointer { groups in
        load.groupWords.withUnsafeMutableBufferPointer { groupRemaining in
          for row in 0..<u.rowsUsed {
            let (mm, rr, cc) = rowMap[row]
            let r = r0 * u.tr + rr
            let c = c0 * u.tc + cc
            guard m0 * u.tm + mm < loops.outputMaps else { continue }
            if newKernels {
              // A new (sample, m0, n0): every row of the group stores each synapse.
              load.rowWords[row] += operands
              kernelStoreWrites += operands
              if rr == 0 && cc == 0 { kernelWords += operands }
            }
            guard r < loops.outputRows && c < loops.outputCols else { continue }
            let base = mapBase &+ (r &* loops.strideY) &* loops.inputCols &+ c &* loops.strideX
            for operand in 0..<operands {
              let word = base &+ offsets[operand]
              let seen = stamps[word]
              if seen == index { continue }
              stamps[word] = index
              if continuesRow && seen == index - 1 { continue }
              groupRemaining[Int(groups[operand])] += 1
              neuronWords += 1
            }
          }
        }
      }
    }
    load.neuronWords = neuronWords
    load.kernelStoreWrites = kernelStoreWrites
    load.kernelWords = kernelWords
    return load
  }

  /// Steps the whole layer and returns its counts.
  mutating func run() -> LayerCounts {
    var counts = LayerCounts()
    let rowSteps = ceilDiv(loops.kernelRows, u.ti)
    let colSteps = ceilDiv(loops.kernelCols, u.tj)
    let tiles = BlockCursor(
      m: ceilDiv(loops.outputMaps, u.tm), n: ceilDiv(loops.inputMaps, u.tn), r: ceilDiv(loops.outputRows, u.tr),
      c: ceilDiv(loops.outputCols, u.tc))
    let blocks = u.blockCount(loops)
    // Fill: the first block's data crosses the buses before any PE can start.
    var at = BlockCursor(m: 0, n: 0, r: 0, c: 0)
    var loadLeft = beginLoad(0, key: Self.loadClass(at, tiles: tiles), counts: &counts)
    while loadLeft > 0 {
      loadLeft -= 1
      counts.fillCycles += 1
    }
    for index in 0..<blocks {
      // PE rows with an in-bounds output neuron: (mm, rr, cc) over in-bounds ranges.
      let validRows =
        Self.inBounds(at.m, u.tm, loops.outputMaps) * Self.inBounds(at.r, u.tr, loops.outputRows)
        * Self.inBounds(at.c, u.tc, loops.outputCols)
      let validMaps = Self.inBounds(at.n, u.tn, loops.inputMaps)
      // While this block computes, the next one loads into the other half of the stores.
      let next = at.next(in: tiles)
      if index + 1 < blocks {
        loadLeft = beginLoad(index + 1, key: Self.loadClass(next, tiles: tiles), counts: &counts)
      }
      for i0 in 0..<rowSteps {
        let validKernelRows = Self.inBounds(i0, u.ti, loops.kernelRows)
        for j0 in 0..<colSteps {
          // A PE multiplies when its row holds an output and its column a synapse: the valid
          // rows times the valid columns (nn, ii, jj in bounds) this step.
          let validColumns = validMaps * validKernelRows * Self.inBounds(j0, u.tj, loops.kernelCols)
          let stepMACs = validRows * validColumns
          counts.macs += stepMACs
          if stepMACs > 0 { counts.rowAccumulates += validRows }
          counts.computeCycles += 1
          if loadLeft > 0 { loadLeft -= 1 }
        }
      }
      while loadLeft > 0 {
        loadLeft -= 1
        counts.stallCycles += 1
      }
      counts.outputWrites += validRows
      if at.n > 0 { counts.partialReads += validRows }
      if at.n == tiles.n - 1 { counts.activations += validRows }
      at = next
    }
    counts.tailCycles = config.outputLatencyCycles
    return counts
  }

  /// How many of the `tile` iterations of tile `index` fall inside a loop of `total`.
  @inline(__always)
  private static func inBounds(_ index: Int, _ tile: Int, _ total: Int) -> Int { min(tile, total - index * tile) }
}

/// A block's tile coordinates (m0, n0, r0, c0), or the tile counts of each loop.
struct BlockCursor {
  var m: Int
  var n: Int
  var r: Int
  var c: Int

  /// The next block in loop order (sample, m0, n0, r0, c0); after the last tile of every loop
  /// a new sample starts at (0, 0, 0, 0).
  func next(in tiles: BlockCursor) -> BlockCursor {
    var next = self
    next.c += 1
    guard next.c == tiles.c else { return next }
    next.c = 0
    next.r += 1
    guard next.r == tiles.r else { return next }
    next.r = 0
    next.n += 1
    guard next.n == tiles.n else { return next }
    next.n = 0
    next.m += 1
    if next.m == tiles.m { next.m = 0 }
    return next
  }
}

/// A block load's counts and the cycles its buses take.
struct LoadSummary: Equatable {
  var cycles: Int
  var neuronWords: Int
  var kernelStoreWrites: Int
  var kernelWords: Int

  /// A class whose load has not been enumerated yet.
  static let unknown = LoadSummary(cycles: -1, neuronWords: 0, kernelStoreWrites: 0, kernelWords: 0)
}

/// What loading one block puts on the buses.
struct BlockLoad: Equatable {
  /// Words each input-map group's column buses carry.
  var groupWords: [Int]
  /// Words each row bus carries.
  var rowWords: [Int]
  /// Words Neuron Buffer 1 reads (the sum of `groupWords`).
  var neuronWords = 0
  /// Synapse words written into kernel local stores.
  var kernelStoreWrites = 0
  /// Words the kernel buffer reads.
  var kernelWords = 0

  init(groups: Int, rows: Int) {
    groupWords = Array(repeating: 0, count: groups)
    rowWords = Array(repeating: 0, count: rows)
  }
}

/// The word-stamp table: for each padded input word, the last block that needed it. A class
/// owns the buffer so that it is never copied on write (it holds one word per input word).
final class WordStamps {
  let table: UnsafeMutableBufferPointer<Int>

  init(count: Int) {
    table = .allocate(capacity: count)
    table.initialize(repeating: -1)
  }

  deinit { table.deallocate() }
}
