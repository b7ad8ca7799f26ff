/// The `fast` fidelity of the three baseline dataflows: a layer's timing and activity in
/// closed form (docs/flexflow.md, "Baseline dataflows"). `BaselineStepper` steps the same
/// schedules cycle by cycle; the tests hold the two equal.
///
/// Every baseline records the layer's true MAC count (products of in-bounds operands only;
/// the rest of D² × cycles is gated), no local-store activity (Table 5: the baselines have
/// none), and `outputLatencyCycles` of tail.
enum BaselineSchedule {
  /// The layer's counts on `dataflow`, which must be a baseline (FlexFlow gives zero counts).
  static func counts(_ loops: ConvolutionLoops, _ dataflow: FlexFlowConfig.Dataflow, config: FlexFlowConfig) -> LayerCounts {
    switch dataflow {
    case .flexflow: return LayerCounts()
    case .systolic: return systolic(loops, config: config)
    case .mapping2d: return mapping2D(loops, config: config)
    case .tiling: return tiling(loops, config: config)
    }
  }

  /// Systolic. The kernel is cut into tiles of at most D×D (k_r = min(K_r, D), k_c =
  /// min(K_c, D); ⌈K_r/k_r⌉·⌈K_c/k_c⌉ tiles); the array into G = ⌊D/k_r⌋·⌊D/k_c⌋ grids. A
  /// **job** is one (output map, input map, kernel tile); jobs are ordered input map, kernel
  /// tile, output map (fastest) and run G at a time per **pass**. A pass streams the padded
  /// input map, one neuron per cycle in raster order: H_in·W_in cycles, whatever the stride
  /// (the grid's data stride is fixed; outputs of skipped positions are discarded). Grids on
  /// the same (input map, tile) share one broadcast stream.
  static func systolic(_ loops: ConvolutionLoops, config: FlexFlowConfig) -> LayerCounts {
    let grid = SystolicGrid(loops, config: config)
    var counts = LayerCounts()
    counts.fillCycles = grid.weightFillCycles(config: config)
    let passCycles = loops.inputRows * loops.inputCols
    counts.computeCycles = loops.samples * grid.passesPerSample * passCycles
    counts.tailCycles = config.outputLatencyCycles
    counts.macs = loops.macCount
    // Σ over passes of the distinct (input map, tile) streams: each stream of M consecutive
    // jobs touches every pass its job range overlaps.
    var streams = 0
    let maps = loops.outputMaps
    for group in 0..<(loops.inputMaps * grid.kernelTiles) {
      streams += (group * maps + maps - 1) / grid.grids - (group * maps) / grid.grids + 1
    }
    counts.neuronWords = loops.samples * streams * passCycles
    counts.kernelWords = loops.samples * loops.outputMaps * loops.inputMaps * loops.kernelRows * loops.kernelCols
    let positions = loops.outputRows * loops.outputCols
    counts.outputWrites = loops.samples * grid.jobsPerSample * positions
    counts.partialReads = loops.samples * loops.outputMaps * (loops.inputMaps * grid.kernelTiles - 1) * positions
    counts.activations = loops.outputCount
    return counts
  }

  /// 2D-Mapping. Outputs of one map are cut into tiles of at most D×D (first, full and
  /// partial tiles per dimension); a tile takes N·K_r·K_c cycles, one broadcast synapse each.
  /// Per (tile, input map) the neuron buffer supplies the tile's input window once
  /// (Y·X words, Y = (t_r−1)·min(s_y,K_r)+K_r); neighbours shift it between PEs. Each PE
  /// keeps its output's sum, so each output is written once.
  static func mapping2D(_ loops: ConvolutionLoops, config: FlexFlowConfig) -> LayerCounts {
    let side = config.side
    var counts = LayerCounts()
    let first = (rows: min(loops.outputRows, side), cols: min(loops.outputCols, side))
    counts.fillCycles = ceilDiv(first.rows * first.cols, side)
    let tilesPerMap = ceilDiv(loops.outputRows, side) * ceilDiv(loops.outputCols, side)
    let stepsPerTile = loops.inputMaps * loops.kernelRows * loops.kernelCols
    counts.computeCycles = loops.samples * loops.outputMaps * tilesPerMap * stepsPerTile
    counts.tailCycles = config.outputLatencyCycles
    counts.macs = loops.macCount
    var windowRows = 0
    var windowCols = 0
    let rRuns = TileRuns(loops.outputRows, side)
    let cRuns = TileRuns(loops.outputCols, side)
    for index in 0..<3 {
      let r = rRuns[index]
      windowRows += r.count * (r.count > 0 ? BlockSchedule.span(r.size, stride: loops.strideY, kernel: loops.kernelRows) : 0)
      let c = cRuns[index]
      windowCols += c.count * (c.count > 0 ? BlockSchedule.span(c.size, stride: loops.strideX, kernel: loops.kernelCols) : 0)
    }
    counts.neuronWords = loops.samples * loops.outputMaps * loops.inputMaps * windowRows * windowCols
    counts.kernelWords = counts.computeCycles
    counts.outputWrites = loops.outputCount
    counts.activations = loops.outputCount
    return counts
  }

  /// Tiling. Loop order (sample, output-map tile, r, c, input-map tile, i, j), one cycle each:
  /// the cycle reads n_valid neurons and m_valid·n_valid synapses (no reuse: DianNao's
  /// synapse buffer feeds every product), and each valid row's adder tree adds into its
  /// output's accumulator, which is written once after the last input tile.
  static func tiling(_ loops: ConvolutionLoops, config: FlexFlowConfig) -> LayerCounts {
    let side = config.side
    var counts = LayerCounts()
    let mTiles = ceilDiv(loops.outputMaps, side)
    let nTiles = ceilDiv(loops.inputMaps, side)
    let positions = loops.samples * loops.outputRows * loops.outputCols * loops.kernelRows * loops.kernelCols
    counts.computeCycles = mTiles * nTiles * positions
    counts.tailCycles = config.outputLatencyCycles
    counts.macs = loops.macCount
    counts.neuronWords = mTiles * loops.inputMaps * positions
    counts.kernelWords = loops.macCount
    counts.rowAccumulates = loops.outputMaps * nTiles * positions
    counts.outputWrites = loops.outputCount
    counts.activations = loops.outputCount
    return counts
  }
}

/// How the systolic baseline cuts the kernel and the array.
struct SystolicGrid {
  /// Kernel rows one grid holds, min(K_r, D).
  let tileRows: Int
  /// Kernel columns one grid holds, min(K_c, D).
  let tileCols: Int
  /// Kernel tiles per kernel.
  let kernelTiles: Int
  /// Kernel tiles across the kernel's columns.
  let tilesAcross: Int
  /// Convolver grids on the array, ⌊D/k_r⌋·⌊D/k_c⌋.
  let grids: Int
  /// Jobs (output map, input map, kernel tile) per sample.
  let jobsPerSample: Int
  /// Passes per sample, ⌈jobs/G⌉.
  let passesPerSample: Int

  init(_ loops: ConvolutionLoops, config: FlexFlowConfig) {
    tileRows = min(loops.kernelRows, config.side)
    tileCols = min(loops.kernelCols, config.side)
    tilesAcross = ceilDiv(loops.kernelCols, tileCols)
    kernelTiles = ceilDiv(loops.kernelRows, tileRows) * tilesAcross
    grids = (config.side / tileRows) * (config.side / tileCols)
    jobsPerSample = loops.outputMaps * loops.inputMaps * kernelTiles
    passesPerSample = ceilDiv(jobsPerSample, grids)
  }

  /// Synapse words one PE-row bus carries to load the first pass's weights: one per PE of
  /// the row that belongs to a grid.
  func weightsPerRowBus(side: Int) -> Int { (side / tileCols) * tileCols }

  /// Cycles to load the first pass's weights over the row buses; later passes load theirs
  /// into shadow weight registers while the current pass streams (a pass is ≥ K² cycles).
  func weightFillCycles(config: FlexFlowConfig) -> Int {
    ceilDiv(weightsPerRowBus(side: config.side), config.kernelBusWordsPerCycle)
  }
}
