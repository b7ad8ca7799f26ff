/// How a work-group's work-items own an output tile, and the stores that write it.
struct OutputShape {
  var rows: Int
  var columns: Int
  var threadRows: Int
  var threadColumns: Int
  var rowsPerThread: Int
  var columnsPerThread: Int

  var tileRows: Int { threadRows * rowsPerThread }
  var tileColumns: Int { threadColumns * columnsPerThread }

  var layout: ThreadLayout {
    ThreadLayout(
      threadRows: threadRows, threadColumns: threadColumns, rowsPerThread: rowsPerThread,
      columnsPerThread: columnsPerThread, outputRows: rows, outputColumns: columns)
  }

  /// Row `row` of every work-item's micro-tile: work-item t writes columnsPerThread
  /// consecutive elements of output row tile · tileRows + (t / threadColumns) · rowsPerThread + row.
  func access(tensor: Int, row: Int, perSlice: Bool, threads: Int) -> TileAccess {
    TileAccess(
      tensor: tensor, tensorPerSlice: perSlice ? 1 : 0,
      rowOrigin: LinearForm(constant: Int64(row), perRowTile: Int64(tileRows)),
      columnOrigin: LinearForm(perColumnTile: Int64(tileColumns)), rowStride: Int64(rowsPerThread),
      tileRows: Int64(threadRows), tileColumns: Int64(tileColumns), elementsPerLane: Int64(columnsPerThread),
      threads: Int64(threads), rows: Int64(rows), columns: Int64(columns), pitch: TileAccess.paddedPitch(columns))
  }
}
