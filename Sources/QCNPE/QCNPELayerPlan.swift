import Trace

/// One trace layer as QCNPE executes it: a matrix product folded over the NCU array, or a
/// pooling pass on the AFUs.
public enum QCNPELayerPlan: Equatable, Sendable {
  /// A dense, convolution or GEMM layer on the NCU array.
  case gemm(GEMMPlan)
  /// A pooling layer, which needs no weights: the AFUs reduce each window.
  case pool(PoolPlan)

  /// The layer's name.
  public var name: String {
    switch self {
    case .gemm(let plan): return plan.name
    case .pool(let plan): return plan.name
    }
  }

  /// Multiply-accumulates the layer performs on the NCUs.
  public var macCount: Int {
    switch self {
    case .gemm(let plan): return plan.groups * plan.shape.macCount
    case .pool: return 0
    }
  }
}

/// `groups` independent matrix products M×K by K×N folded over an R×C array in one of three
/// dataflows (`SystolicDataflow`). Folds run group by group, column fold by column fold inside
/// a group, row folds inside (SCALE-Sim's order).
///
/// | dataflow | array rows hold | array columns hold | streamed per fold (T) | fold steps |
/// |---|---|---|---|---|
/// | os | GEMM rows m | neurons n | K | K + R + C − 2 |
/// | ws | reductions k | neurons n | M | M + 2R + C − 2 |
/// | is | reductions k | GEMM rows m | N | N + 2R + C − 2 |
///
/// A grouped convolution is `groups` GEMMs, each on its group's C/G input channels and F/G
/// filters: neuron (filter) `g·N + n` is neuron n of group g, so per-neuron precision indexes
/// the layer's global filter.
public struct GEMMPlan: Equatable, Sendable {
  /// The layer's name.
  public var name: String
  /// The shape of one product (one group's).
  public var shape: GEMMShape
  /// Independent products of `shape` (a convolution's groups, a batched GEMM's count).
  public var groups: Int = 1
  /// The activation the AFUs apply.
  public var activation: Activation
  /// Input precision of each output neuron (array column) of every group, `groups × N`
  /// entries, in bits.
  public var inputBits: [UInt8]
  /// Weight precision of each output neuron of every group, in bits.
  public var weightBits: [UInt8]
  /// Array rows and columns.
  public var rows: Int
  /// Array columns.
  public var cols: Int
  /// Which operand stays in the NCUs.
  public var dataflow: SystolicDataflow = .outputStationary
  /// Where each operand word lives in its memory (the ifmap, filter and ofmap address spaces
  /// the memory hierarchy tracks); nil when the layer runs without one.
  public var addressing: OperandAddressing?
  /// The switching activity of the layer's operands, when its trace states one.
  public var activity: OperandActivity? = nil

  /// The GEMM dimension along the array's rows: M (os) or K (ws, is).
  public var spatialRows: Int { dataflow == .outputStationary ? shape.m : shape.k }
  /// The GEMM dimension along the array's columns: N (os, ws) or M (is).
  public var spatialColumns: Int { dataflow == .inputStationary ? shape.m : shape.n }
  /// The GEMM dimension a fold streams through the array: K (os), M (ws) or N (is).
  public var streamLength: Int {
    switch dataflow {
    case .outputStationary: return shape.k
    case .weightStationary: return shape.m
    case .inputStationary: return shape.n
    }
  }
  /// Row folds: ceil(spatial rows / R).
  public var rowFolds: Int { (spatialRows + rows - 1) / rows }
  /// Column folds: ceil(spatial columns / C).
  public var columnFolds: Int { (spatialColumns + cols - 1) / cols }
  /// Folds of one group.
  public var foldsPerGroup: Int { rowFolds * columnFolds }
  /// All folds: groups × row folds × column folds.
  public var foldCount: Int { groups * foldsPerGroup }
  /// Output neurons over all groups: groups × N.
  public var neurons: Int { groups * shape.n }
  /// Cycles a fold occupies the array without stalls. os: the last operand (k = K − 1)
  /// reaches the far corner NCU(R−1, C−1) at K − 1 + (R − 1) + (C − 1). ws, is: R steps
  /// preload the stationary operands, then the last of T streamed words enters row R − 1 at
  /// R + (R − 1) + T − 1 and its partial sum leaves column C − 1 after C − 1 more.
  public var foldCycles: Int {
    dataflow == .outputStationary ? shape.k + rows + cols - 2 : streamLength + 2 * rows + cols - 2
  }
  /// Whether every neuron shares one precision.
  public var hasUniformPrecision: Bool {
    inputBits.allSatisfy { $0 == inputBits[0] } && weightBits.allSatisfy { $0 == weightBits[0] }
  }

  /// The geometry of fold `index` (0-based; groups outermost, then column folds).
  @inlinable
  public func fold(_ index: Int) -> Fold {
    let group = index / foldsPerGroup
    let local = index - group * foldsPerGroup
    let columnFold = local / rowFolds
    let rowFold = local % rowFolds
    let rowsUsed = min(rows, spatialRows - rowFold * rows)
    let colsUsed = min(cols, spatialColumns - columnFold * cols)
    switch dataflow {
    case .outputStationary:
      return Fold(
        firstRow: rowFold * rows, gemmRowCount: rowsUsed, firstNeuron: group * shape.n + columnFold * cols,
        neuronCount: colsUsed, firstInputColumn: group * shape.k, firstReduction: 0, reductionCount: shape.k,
        rowsUsed: rowsUsed, colsUsed: colsUsed, rowFold: rowFold)
    case .weightStationary:
      return Fold(
        firstRow: 0, gemmRowCount: shape.m, firstNeuron: group * shape.n + columnFold * cols, neuronCount: colsUsed,
        firstInputColumn: group * shape.k, firstReduction: rowFold * rows, reductionCount: rowsUsed, rowsUsed: rowsUsed,
        colsUsed: colsUsed, rowFold: rowFold)
    case .inputStationary:
      return Fold(
        firstRow: columnFold * cols, gemmRowCount: colsUsed, firstNeuron: group * shape.n, neuronCount: shape.n,
        firstInputColumn: group * shape.k, firstReduction: rowFold * rows, reductionCount: rowsUsed, rowsUsed: rowsUsed,
        colsUsed: colsUsed, rowFold: rowFold)
    }
  }

  /// Which part of the product one fold computes: GEMM rows × neurons × reductions.
  public struct Fold: Equatable, Sendable {
    /// The first GEMM row (output position) the fold computes.
    public var firstRow: Int
    /// GEMM rows the fold computes (os: its array rows; ws: all M; is: its array columns).
    public var gemmRowCount: Int
    /// The first output neuron the fold computes, counted over all groups.
    public var firstNeuron: Int
    /// Neurons the fold computes (os, ws: its array columns; is: all N).
    public var neuronCount: Int
    /// Where the fold's group starts in the layer's input matrix (group × K): a grouped
    /// convolution's group g reads the im2col columns of its own channels.
    public var firstInputColumn: Int
    /// The first reduction index (within the group's K) the fold sums over (0 for os).
    public var firstReduction: Int
    /// Reduction indices the fold sums over (K for os; its array rows for ws and is).
    public var reductionCount: Int
    /// Array rows holding real work (the last row fold may be partial).
    public var rowsUsed: Int
    /// Array columns holding real work.
    public var colsUsed: Int
    /// The fold's row fold within its column fold (ws and is: 0 starts a new sum).
    public var rowFold: Int

    @usableFromInline
    init(
      firstRow: Int, gemmRowCount: Int, firstNeuron: Int, neuronCount: Int, firstInputColumn: Int, firstReduction: Int,
      reductionCount: Int, rowsUsed: Int, colsUsed: Int, rowFold: Int
    ) {
      self.firstRow = firstRow
      self.gemmRowCount = gemmRowCount
      self.firstNeuron = firstNeuron
      self.neuronCount = neuronCount
      self.firstInputColumn = firstInputColumn
      self.firstReduction = firstReduction
      self.reductionCount = reductionCount
      self.rowsUsed = rowsUsed
      self.colsUsed = colsUsed
      self.rowFold = rowFold
    }
  }
}

/// A pooling layer on the AFUs: each AFU reduces one window element per cycle.
public struct PoolPlan: Equatable, Sendable {
  /// The layer's name.
  public var name: String
  /// Max or average.
  public var kind: PoolShape.Kind
  /// Windows to reduce (batch × channels × output positions).
  public var outputs: Int
  /// Elements per window.
  public var windowElements: Int
}
