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

/// `groups` independent matrix products M×K by K×N mapped output-stationary on an R×C array:
/// NCU(r, c) of fold (group, row fold, column fold) accumulates the dot product of input row
/// `rowFold·R + r` with weight column `columnFold·C + c` of that group. Folds run group by
/// group, column fold by column fold inside a group, row folds inside (SCALE-Sim's order).
///
/// A grouped convolution is `groups` GEMMs, each on its group's C/G input channels and F/G
/// filters: neuron (filter) `g·N + n` is column n of group g, so per-neuron precision indexes
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
  /// The switching activity of the layer's operands, when its trace states one.
  public var activity: OperandActivity? = nil

  /// Row folds: ceil(M / R).
  public var rowFolds: Int { (shape.m + rows - 1) / rows }
  /// Column folds: ceil(N / C).
  public var columnFolds: Int { (shape.n + cols - 1) / cols }
  /// Folds of one group.
  public var foldsPerGroup: Int { rowFolds * columnFolds }
  /// All folds: groups × ceil(M / R) × ceil(N / C).
  public var foldCount: Int { groups * foldsPerGroup }
  /// Output neurons over all groups: groups × N.
  public var neurons: Int { groups * shape.n }
  /// Cycles a fold occupies the array without stalls: the last operand (k = K − 1) reaches
  /// the far corner NCU(R−1, C−1) at K − 1 + (R − 1) + (C − 1).
  public var foldCycles: Int { shape.k + rows + cols - 2 }
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
    return Fold(
      firstRow: rowFold * rows, firstNeuron: group * shape.n + columnFold * cols, firstInputColumn: group * shape.k,
      rowsUsed: min(rows, shape.m - rowFold * rows), colsUsed: min(cols, shape.n - columnFold * cols))
  }

  /// Which part of the product one fold computes.
  public struct Fold: Equatable, Sendable {
    /// The first GEMM row (output position) mapped to array row 0.
    public var firstRow: Int
    /// The first output neuron mapped to array column 0, counted over all groups.
    public var firstNeuron: Int
    /// Where the fold's group starts in the layer's input matrix (group × K): a grouped
    /// convolution's group g reads the im2col columns of its own channels.
    public var firstInputColumn: Int
    /// Array rows holding real work (the last row fold may be partial).
    public var rowsUsed: Int
    /// Array columns holding real work.
    public var colsUsed: Int

    @usableFromInline
    init(firstRow: Int, firstNeuron: Int, firstInputColumn: Int, rowsUsed: Int, colsUsed: Int) {
      self.firstRow = firstRow
      self.firstNeuron = firstNeuron
      self.firstInputColumn = firstInputColumn
      self.rowsUsed = rowsUsed
      self.colsUsed = colsUsed
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
