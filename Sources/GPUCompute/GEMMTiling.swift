/// How a GEMM C[M×N] = A[M×K] · B[K×N] is cut into work-groups (docs/gpu.md, "Kernels").
///
/// ```
///  M ≤ broadcastRowLimit (a batch of vectors):    otherwise (2-D tiles):
///   1 × 64 work-items (one wavefront),              16 × (workGroupSize / 16) work-items, each 4 × 4
///   each M rows × 1 column; tile M × 64;            tile 64 × 4·workGroupSize/16
///   A values lane-uniform (LDS broadcast)
///
///  reduction K in steps of tileK; split into `slices` work-groups (split-K) when the tiles
///  alone would leave compute units idle, at least 4 steps per slice
/// ```
public struct GEMMTiling: Equatable, Sendable {
  /// Work-items along the rows of a tile.
  public var threadRows: Int
  /// Work-items along the columns.
  public var threadColumns: Int
  /// Output rows per work-item.
  public var rowsPerThread: Int
  /// Output columns per work-item (1 or 4).
  public var columnsPerThread: Int
  /// Reduction elements per loop iteration.
  public var tileK: Int
  /// Row tiles.
  public var rowTiles: Int
  /// Column tiles.
  public var columnTiles: Int
  /// Reduction slices.
  public var slices: Int
  /// Loop iterations per slice (the last slice may run fewer).
  public var iterationsPerSlice: Int
  /// Loop iterations of the last slice.
  public var iterationsInLastSlice: Int

  /// Rows per tile.
  public var tileRows: Int { threadRows * rowsPerThread }
  /// Columns per tile.
  public var tileColumns: Int { threadColumns * columnsPerThread }
  /// Reduction elements per slice.
  public var sliceLength: Int { iterationsPerSlice * tileK }
  /// Work-items per work-group.
  public var workItems: Int { threadRows * threadColumns }
  /// Whether every lane of a wavefront works on the same rows (A values are lane-uniform).
  public var broadcastsRows: Bool { threadRows == 1 }

  /// The fewest loop iterations a slice gets when the reduction is split.
  public static let minimumIterationsPerSlice = 4

  /// The tiling of an M×N×K GEMM under `config`.
  public init(m: Int, n: Int, k: Int, config: GPUConfig) {
    if m <= config.broadcastRowLimit {
      // One wavefront per work-group: its A values are shared by all lanes anyway, and small
      // work-groups spread a narrow product over every pool of every compute unit.
      threadRows = 1
      threadColumns = GPUConfig.wavefrontSize
      rowsPerThread = m
      columnsPerThread = 1
    } else {
      threadRows = 16
      threadColumns = config.workGroupSize / 16
      rowsPerThread = 4
      columnsPerThread = 4
    }
    // A reduction shorter than a tile is not padded to one: padded steps would multiply zeros.
    tileK = min(config.tileK, max(1, k))
    rowTiles = (m + threadRows * rowsPerThread - 1) / (threadRows * rowsPerThread)
    columnTiles = (n + threadColumns * columnsPerThread - 1) / (threadColumns * columnsPerThread)
    let steps = max(1, (k + tileK - 1) / tileK)
    let tiles = rowTiles * columnTiles
    let target = config.computeUnits * config.targetWorkGroupsPerCU
    let wanted = max(1, (target + tiles - 1) / tiles)
    let allowed = max(1, steps / GEMMTiling.minimumIterationsPerSlice)
    let split = min(wanted, allowed)
    iterationsPerSlice = (steps + split - 1) / split
    slices = (steps + iterationsPerSlice - 1) / iterationsPerSlice
    iterationsInLastSlice = steps - (slices - 1) * iterationsPerSlice
  }
}
