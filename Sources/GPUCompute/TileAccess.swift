/// The global-memory elements one vector-memory instruction touches: a chunk of a tile that
/// the work-items of a work-group load or store cooperatively, `elementsPerLane` consecutive
/// elements each.
///
/// ```
///   work-item t, chunk j:  e = (j · threads + t) · elementsPerLane
///   row-major tile:        (r, c) = (e / tileColumns, e % tileColumns)
///   column-major tile:     (r, c) = (e % tileRows,    e / tileRows)
///   element:               (rowOrigin + r · rowStride, columnOrigin + c)
///   address:               tensor base + (row · pitch + column) · 4     (column-major: column · pitch + row)
/// ```
///
/// Matrices are stored with their pitch padded to whole cache blocks (as BLAS libraries pad
/// leading dimensions), so tiles never share a block.
public struct TileAccess: Equatable, Hashable, Sendable {
  /// Which buffer the elements live in; buffers sit 2^40 bytes apart.
  public var tensor: Int
  /// Buffers further per reduction slice (split-K partial sums go to one buffer per slice).
  public var tensorPerSlice: Int = 0
  /// Buffers further per group of a grouped kernel: each product's operands are matrices of
  /// their own.
  public var tensorPerGroup: Int = 0
  /// The tile's first row.
  public var rowOrigin: LinearForm
  /// The tile's first column.
  public var columnOrigin: LinearForm
  /// Matrix rows between consecutive tile rows (1 for a dense tile).
  public var rowStride: Int64 = 1
  /// Rows of the tile.
  public var tileRows: Int64
  /// Columns of the tile.
  public var tileColumns: Int64
  /// Consecutive elements per work-item (1 or 4).
  public var elementsPerLane: Int64
  /// Which cooperative chunk of the tile this instruction moves.
  public var chunk: Int64 = 0
  /// Work-items per work-group.
  public var threads: Int64
  /// Rows of the matrix (elements beyond are not touched).
  public var rows: Int64
  /// Columns of the matrix.
  public var columns: Int64
  /// Stored elements per matrix row (per column when column-major).
  public var pitch: Int64
  /// Whether the matrix is stored transposed (a column is contiguous).
  public var columnMajor: Bool = false

  /// An access.
  public init(
    tensor: Int, tensorPerSlice: Int = 0, rowOrigin: LinearForm, columnOrigin: LinearForm, rowStride: Int64 = 1, tileRows: Int64,
    tileColumns: Int64, elementsPerLane: Int64, chunk: Int64 = 0, threads: Int64, rows: Int64, columns: Int64,
    pitch: Int64, columnMajor: Bool = false
  ) {
    self.tensor = tensor
    self.tensorPerSlice = tensorPerSlice
    self.rowOrigin = rowOrigin
    self.columnOrigin = columnOrigin
    self.rowStride = rowStride
    self.tileRows = tileRows
    self.tileColumns = tileColumns
    self.elementsPerLane = elementsPerLane
    self.chunk = chunk
    self.threads = threads
    self.rows = rows
    self.columns = columns
    self.pitch = pitch
    self.columnMajor = columnMajor
  }

  /// Stored elements per row of a matrix with `columns` columns: padded to a whole number of
  /// 64-byte blocks (16 floats).
  public static func paddedPitch(_ columns: Int) -> Int64 { Int64((columns + 15) / 16 * 16) }

  /// Appends to `blocks` the distinct cache blocks that wavefront `wavefront` touches under
  /// lane mask `mask`, in first-touch order; returns the lanes that touch a real element.
  /// - Complexity: O(64 · distinct blocks); no allocation once `blocks` has grown.
  @inlinable
  public func collectBlocks(
    wavefront: Int, mask: UInt64, at: WorkGroupCoordinates, iteration: Int32, blockShift: Int,
    into blocks: inout [UInt64]
  ) -> Int {
    blocks.removeAll(keepingCapacity: true)
    let rowBase = rowOrigin.value(at, iteration: iteration)
    let columnBase = columnOrigin.value(at, iteration: iteration)
    let base = UInt64(tensor + Int(at.slice) * tensorPerSlice + Int(at.group) * tensorPerGroup) << 40
    var lanesTouching = 0
    var remaining = mask
    while remaining != 0 {
      let lane = remaining.trailingZeroBitCount
      remaining &= remaining &- 1
      let thread = Int64(wavefront * 64 + lane)
      let element = (chunk * threads + thread) * elementsPerLane
      let r: Int64
      let c: Int64
      if columnMajor {
        r = element % tileRows
        c = element / tileRows
      } else {
        r = element / tileColumns
        c = element % tileColumns
      }
      guard r < tileRows, c < tileColumns else { continue }
      let row = rowBase + r * rowStride
      let column = columnBase + c
      guard row >= 0, column >= 0, row < rows, column < columns else { continue }
      lanesTouching += 1
      let offset = columnMajor ? column * pitch + row : row * pitch + column
      let block = (base + UInt64(offset) * 4) >> UInt64(blockShift)
      if blocks.last != block && !blocks.contains(block) { blocks.append(block) }
    }
    return lanesTouching
  }
}
