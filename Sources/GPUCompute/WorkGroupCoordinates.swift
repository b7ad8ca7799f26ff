/// Where a work-group sits in its kernel's grid.
public struct WorkGroupCoordinates: Equatable, Hashable, Sendable {
  /// The row tile (mt).
  public var rowTile: Int32
  /// The column tile (nt).
  public var columnTile: Int32
  /// The reduction slice (ks).
  public var slice: Int32

  /// Coordinates.
  public init(rowTile: Int32, columnTile: Int32, slice: Int32) {
    self.rowTile = rowTile
    self.columnTile = columnTile
    self.slice = slice
  }
}
