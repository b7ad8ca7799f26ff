/// Which element of which tensor a multiply instruction's lanes test for CANNA's approximate
/// mode, as a function of the work-group, loop iteration, instruction and lane.
///
/// ```
///   row    = rowOrigin(mt, nt, ks, it)    + instruction row offset    + ((t / d_r) % m_r) · s_r
///   column = columnOrigin(mt, nt, ks, it) + instruction column offset + ((t / d_c) % m_c) · s_c
///   hit    = draw(tensor salt, stored element index) < hit rate
/// ```
///
/// A product's hit depends only on the tested operand's mantissa, so the draw is keyed by the
/// element's identity: every lane, wavefront and compute unit that multiplies by the same
/// element gets the same outcome (a weight tested in the forward pass hits again in the
/// backward pass). An element outside the matrix is padding, a zero, which counts as a hit
/// (docs/sources.md#cfpu2017).
public struct TestedOperandPattern: Equatable, Hashable, Sendable {
  /// Identifies the tensor (layer and buffer) for the draw.
  public var salt: UInt64
  /// The first row of the tile the work-group reads.
  public var rowOrigin: LinearForm
  /// The first column.
  public var columnOrigin: LinearForm
  /// How the row depends on the work-item.
  public var rowLane: LaneTerm
  /// How the column depends on the work-item.
  public var columnLane: LaneTerm
  /// Rows of the tested matrix.
  public var rows: Int64
  /// Columns of the tested matrix.
  public var columns: Int64
  /// Whether the GEMM reads the tensor transposed (its identity is then (column, row)).
  public var transposed: Bool
  /// Stored elements per group of a grouped kernel (rows × columns): each product tests its
  /// own matrix, so a group's elements follow the previous group's.
  public var elementsPerGroup: Int64 = 0

  /// A pattern.
  public init(
    salt: UInt64, rowOrigin: LinearForm, columnOrigin: LinearForm, rowLane: LaneTerm = .none,
    columnLane: LaneTerm = .none, rows: Int64, columns: Int64, transposed: Bool = false
  ) {
    self.salt = salt
    self.rowOrigin = rowOrigin
    self.columnOrigin = columnOrigin
    self.rowLane = rowLane
    self.columnLane = columnLane
    self.rows = rows
    self.columns = columns
    self.transposed = transposed
  }

  /// Whether every lane of a wavefront tests the same element.
  public var isLaneUniform: Bool { rowLane.isNone && columnLane.isNone }

  /// The stored index of the element work-item `thread` tests, or nil for padding.
  @inlinable @inline(__always)
  public func element(thread: Int, at: WorkGroupCoordinates, iteration: Int32, rowOffset: Int32, columnOffset: Int32)
    -> Int64?
  {
    let row = rowOrigin.value(at, iteration: iteration) + Int64(rowOffset) + rowLane.value(thread: thread)
    let column = columnOrigin.value(at, iteration: iteration) + Int64(columnOffset) + columnLane.value(thread: thread)
    guard row >= 0, column >= 0, row < rows, column < columns else { return nil }
    return Int64(at.group) * elementsPerGroup + (transposed ? column * rows + row : row * columns + column)
  }
}
