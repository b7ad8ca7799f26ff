/// The `cycle` fidelity of the three baseline dataflows: steps each schedule of
/// `BaselineSchedule` one cycle at a time and counts, per cycle, the products of in-bounds
/// operands and the words each bus carries, from the coordinates of every grid, PE or row,
/// not from the closed forms. The tests hold the result equal to `BaselineSchedule`.
enum BaselineStepper {
  /// The layer's counts on `dataflow`, stepped (FlexFlow gives zero counts: it has its own
  /// stepper, `PEArrayStepper`).
  static func run(_ loops: ConvolutionLoops, _ dataflow: FlexFlowConfig.Dataflow, config: FlexFlowConfig) -> LayerCounts {
    var counts: LayerCounts
    switch dataflow {
    case .flexflow: return LayerCounts()
    case .systolic: counts = systolic(loops, config: config)
    case .mapping2d: counts = mapping2D(loops, config: config)
    case .tiling: counts = tiling(loops, config: config)
    }
    counts.tailCycles = config.outputLatencyCycles
    return counts
  }

  /// Cycles a load of `words` takes at `perCycle` words a cycle, stepped.
  private static func stepLoad(_ words: Int, perCycle: Int) -> Int {
    var remaining = words
    var cycles = 0
    while remaining > 0 {
      remaining -= perCycle
      cycles += 1
    }
    return cycles
  }

  /// Each pass streams the padded input map; every cycle, each grid of the pass checks
  /// whether the neuron entering completes one of its kept output windows (the window's
  /// bottom-right neuron) and, if so, emits that output's partial sum over its kernel tile.
  static func systolic(_ loops: ConvolutionLoops, config: FlexFlowConfig) -> LayerCounts {
    let grid = SystolicGrid(loops, config: config)
    var counts = LayerCounts()
    counts.fillCycles = stepLoad(grid.weightsPerRowBus(side: config.side), perCycle: config.kernelBusWordsPerCycle)
    let maps = loops.outputMaps
    for _ in 0..<loops.samples {
      for pass in 0..<grid.passesPerSample {
        let jobs = (pass * grid.grids)..<min(grid.jobsPerSample, (pass + 1) * grid.grids)
        var previousStream = -1
        for job in jobs {
          let stream = job / maps
          if stream != previousStream { counts.neuronWords += loops.inputRows * loops.inputCols }
          previousStream = stream
          let (_, rows, cols, _, _) = systolicJob(job, grid: grid, loops: loops)
          counts.kernelWords += rows * cols
        }
        for y in 0..<loops.inputRows {
          for x in 0..<loops.inputCols {
            counts.computeCycles += 1
            for job in jobs {
              let (firstJob, rows, cols, top, left) = systolicJob(job, grid: grid, loops: loops)
              let y0 = y - top - rows + 1
              let x0 = x - left - cols + 1
              guard y0 >= 0, x0 >= 0, y0 % loops.strideY == 0, x0 % loops.strideX == 0,
                y0 / loops.strideY < loops.outputRows, x0 / loops.strideX < loops.outputCols
              else { continue }
              counts.macs += rows * cols
              counts.outputWrites += 1
              if !firstJob { counts.partialReads += 1 }
              if job / maps == loops.inputMaps * grid.kernelTiles - 1 { counts.activations += 1 }
            }
          }
        }
      }
    }
    return counts
  }

  /// Job `job` of a sample: whether it is its output map's first (no partial sum to read),
  /// its kernel tile's size and its offset in the kernel.
  @inline(__always)
  private static func systolicJob(_ job: Int, grid: SystolicGrid, loops: ConvolutionLoops)
    -> (first: Bool, rows: Int, cols: Int, top: Int, left: Int)
  {
    let stream = job / loops.outputMaps
    let tile = stream % grid.kernelTiles
    let top = (tile / grid.tilesAcross) * grid.tileRows
    let left = (tile % grid.tilesAcross) * grid.tileCols
    return (
      stream == 0, min(grid.tileRows, loops.kernelRows - top), min(grid.tileCols, loops.kernelCols - left), top, left
    )
  }

  /// Every cycle one synapse is broadcast and every PE holding an in-bounds output
  /// multiplies it by its neuron; a word-stamp table marks the input words each
  /// (tile, input map) reads, which the neuron buffer supplies once.
  static func mapping2D(_ loops: ConvolutionLoops, config: FlexFlowConfig) -> LayerCounts {
    let side = config.side
    var counts = LayerCounts()
    counts.fillCycles = stepLoad(min(loops.outputRows, side) * min(loops.outputCols, side), perCycle: side)
    var stamps = [Int](repeating: -1, count: loops.inputRows * loops.inputCols)
    var visit = 0
    stamps.withUnsafeMutableBufferPointer { stamps in
      for _ in 0..<loops.samples {
        for _ in 0..<loops.outputMaps {
          for r0 in stride(from: 0, to: loops.outputRows, by: side) {
            for c0 in stride(from: 0, to: loops.outputCols, by: side) {
              let rows = min(side, loops.outputRows - r0)
              let cols = min(side, loops.outputCols - c0)
              for _ in 0..<loops.inputMaps {
                visit += 1
                for i in 0..<loops.kernelRows {
                  for j in 0..<loops.kernelCols {
                    counts.computeCycles += 1
                    counts.kernelWords += 1
                    for r in r0..<(r0 + rows) {
                      for c in c0..<(c0 + cols) {
                        counts.macs += 1
                        let word = (r * loops.strideY + i) * loops.inputCols + c * loops.strideX + j
                        if stamps[word] != visit {
                          stamps[word] = visit
                          counts.neuronWords += 1
                        }
                      }
                    }
                  }
                }
              }
              counts.outputWrites += rows * cols
              counts.activations += rows * cols
            }
          }
        }
      }
    }
    return counts
  }

  /// Every cycle the valid inputs of one input-map tile are broadcast to the valid rows of
  /// one output-map tile; each row's adder tree adds into its output's accumulator.
  static func tiling(_ loops: ConvolutionLoops, config: FlexFlowConfig) -> LayerCounts {
    let side = config.side
    var counts = LayerCounts()
    for _ in 0..<loops.samples {
      for m0 in stride(from: 0, to: loops.outputMaps, by: side) {
        let rows = min(side, loops.outputMaps - m0)
        for _ in 0..<(loops.outputRows * loops.outputCols) {
          for n0 in stride(from: 0, to: loops.inputMaps, by: side) {
            let inputs = min(side, loops.inputMaps - n0)
            for _ in 0..<(loops.kernelRows * loops.kernelCols) {
              counts.computeCycles += 1
              counts.macs += rows * inputs
              counts.neuronWords += inputs
              counts.kernelWords += rows * inputs
              counts.rowAccumulates += rows
            }
          }
          counts.outputWrites += rows
          counts.activations += rows
        }
      }
    }
    return counts
  }
}
