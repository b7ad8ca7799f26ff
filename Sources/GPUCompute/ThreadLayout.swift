/// How the work-items of a work-group own output elements: a `threadRows` × `threadColumns`
/// grid of work-items, each owning a `rowsPerThread` × `columnsPerThread` micro-tile of a
/// `tileRows` × `tileColumns` output tile (work-item t sits at row t / threadColumns).
public struct ThreadLayout: Equatable, Hashable, Sendable {
  /// Work-items along the rows.
  public var threadRows: Int
  /// Work-items along the columns.
  public var threadColumns: Int
  /// Output rows per work-item.
  public var rowsPerThread: Int
  /// Output columns per work-item.
  public var columnsPerThread: Int
  /// Rows of the whole output.
  public var outputRows: Int
  /// Columns of the whole output.
  public var outputColumns: Int

  /// A layout.
  public init(
    threadRows: Int, threadColumns: Int, rowsPerThread: Int, columnsPerThread: Int, outputRows: Int, outputColumns: Int
  ) {
    self.threadRows = threadRows
    self.threadColumns = threadColumns
    self.rowsPerThread = rowsPerThread
    self.columnsPerThread = columnsPerThread
    self.outputRows = outputRows
    self.outputColumns = outputColumns
  }

  /// Rows of a work-group's tile.
  public var tileRows: Int { threadRows * rowsPerThread }
  /// Columns of a work-group's tile.
  public var tileColumns: Int { threadColumns * columnsPerThread }

  /// Whether work-item `thread` of a work-group at (`rowTile`, `columnTile`) owns any output.
  @inlinable
  public func ownsOutput(thread: Int, rowTile: Int, columnTile: Int) -> Bool {
    let row = rowTile * tileRows + (thread / threadColumns) * rowsPerThread
    let column = columnTile * tileColumns + (thread % threadColumns) * columnsPerThread
    return thread < threadRows * threadColumns && row < outputRows && column < outputColumns
  }
}
