/// The `fast` fidelity: a layer's timing and activity on the PE array in closed form.
///
/// Blocks run in the order sample, m0, n0, r0, c0 (each block is ⌈K/Ti⌉·⌈K/Tj⌉ steps).
/// While block b computes, the buses load block b + 1 into the other half of the
/// double-buffered local stores; block b + 1 starts when both are done, so each block after
/// the first costs max(steps, L) cycles, where L is the next block's load time:
///
/// - neurons: a group of Ti·Tj column buses (input map n) carries the window words the block
///   needs that the previous block (same sample, m0, n0, r0) did not:
///   Y·X_new words, Y = (tr − 1)·min(sy, K) + K rows and X = (tc − 1)·min(sx, K) + K columns,
///   X_new = X − max(0, K − sx) after the first column tile;
/// - synapses (first block of each (sample, m0, n0) only): each row bus carries
///   n_valid·K·K words.
///
/// Every quantity depends only on whether a tile is the first of its loop and whether it is
/// full, so the sum over blocks is a sum over at most 2 × 3 × 3 tile classes.
enum BlockSchedule {
  /// The layer's counts without stepping a cycle.
  static func counts(_ loops: ConvolutionLoops, _ u: Unrolling, config: FlexFlowConfig) -> LayerCounts {
    var counts = LayerCounts()
    let steps = u.stepsPerBlock(loops)
    let mTiles = ceilDiv(loops.outputMaps, u.tm)
    let nTiles = ceilDiv(loops.inputMaps, u.tn)
    let groupBandwidth = u.ti * u.tj * config.neuronBusWordsPerCycle
    let kernelWordsPerMap = loops.kernelRows * loops.kernelCols
    let overlap = max(0, loops.kernelCols - loops.strideX)
    let nRuns = TileRuns(loops.inputMaps, u.tn)
    let rRuns = TileRuns(loops.outputRows, u.tr)
    let cRuns = TileRuns(loops.outputCols, u.tc)
    var blocks = 0
    var overrun = 0
    var firstLoad = 0
    for nIndex in 0..<3 {
      let n = nRuns[nIndex]
      guard n.count > 0 else { continue }
      let kernelLoad = ceilDiv(n.size * kernelWordsPerMap, config.kernelBusWordsPerCycle)
      for rIndex in 0..<3 {
        let r = rRuns[rIndex]
        guard r.count > 0 else { continue }
        let rowsSpanned = span(r.size, stride: loops.strideY, kernel: loops.kernelRows)
        for cIndex in 0..<3 {
          let c = cRuns[cIndex]
          guard c.count > 0 else { continue }
          let colsSpanned = span(c.size, stride: loops.strideX, kernel: loops.kernelCols)
          let newCols = c.first ? colsSpanned : colsSpanned - overlap
          let neuronLoad = ceilDiv(rowsSpanned * newCols, groupBandwidth)
          let load = r.first && c.first ? max(neuronLoad, kernelLoad) : neuronLoad
          let multiplicity = loops.samples * mTiles * n.count * r.count * c.count
          blocks += multiplicity
          overrun += multiplicity * max(0, load - steps)
          counts.neuronWords += multiplicity * n.size * rowsSpanned * newCols
          if n.first && r.first && c.first { firstLoad = load }
        }
      }
    }
    counts.fillCycles = firstLoad
    counts.computeCycles = blocks * steps
    counts.stallCycles = overrun - max(0, firstLoad - steps)
    counts.tailCycles = config.outputLatencyCycles
    counts.macs = loops.macCount
    let weights = loops.samples * loops.outputMaps * loops.inputMaps * kernelWordsPerMap
    counts.kernelWords = weights
    counts.kernelStoreWrites = weights * u.tr * u.tc
    let outputsPerInputTile = loops.samples * loops.outputMaps * loops.outputRows * loops.outputCols
    counts.rowAccumulates = outputsPerInputTile * nTiles * steps
    counts.outputWrites = outputsPerInputTile * nTiles
    counts.partialReads = outputsPerInputTile * (nTiles - 1)
    counts.activations = outputsPerInputTile
    return counts
  }

  /// Input rows (or columns) a tile of `outputs` output rows reads: (outputs − 1)·min(s, K) + K.
  @inline(__always)
  static func span(_ outputs: Int, stride: Int, kernel: Int) -> Int { (outputs - 1) * min(stride, kernel) + kernel }
}

/// The tiles of a loop of `total` iterations unrolled by `tile`, in three classes: the first
/// tile, the full tiles after it, and a last partial tile.
struct TileRuns {
  let total: Int
  let tile: Int

  init(_ total: Int, _ tile: Int) {
    self.total = total
    self.tile = tile
  }

  /// Class `index` (0: first, 1: later full tiles, 2: last partial tile) as its tile size,
  /// whether it is the first tile, and how many tiles it holds (0 when the class is empty).
  subscript(index: Int) -> (size: Int, first: Bool, count: Int) {
    let full = total / tile
    let remainder = total % tile
    switch index {
    case 0: return (min(tile, total), true, 1)
    case 1: return (tile, false, max(0, full - 1))
    default: return (remainder, false, full >= 1 && remainder > 0 ? 1 : 0)
    }
  }
}
