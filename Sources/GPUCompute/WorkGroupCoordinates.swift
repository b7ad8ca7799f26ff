/// Where a work-group sits in its kernel's grid.
public struct WorkGroupCoordinates: Equatable, Hashable, Sendable {
  /// The row tile (mt).
  public var rowTile: Int32
  /// The column tile (nt).
  public var columnTile: Int32
  /// The reduction slice (ks).
  public var slice: Int32
  /// The independent product of a grouped kernel (g; 0 for an ungrouped kernel).
  public var group: Int32

  /// Coordinates.
  public init(rowTile: Int32, columnTile: Int32, slice: Int32, group: Int32 = 0) {
    self.rowTile = rowTile
    self.columnTile = columnTile
    self.slice = slice
    self.group = group
  }
}
