/// An integer linear in a work-group's grid coordinates and loop iteration:
/// `constant + rowTile·a + columnTile·b + slice·c + iteration·d`.
public struct LinearForm: Equatable, Hashable, Sendable {
  /// The constant term.
  public var constant: Int64 = 0
  /// The coefficient of the row tile.
  public var perRowTile: Int64 = 0
  /// The coefficient of the column tile.
  public var perColumnTile: Int64 = 0
  /// The coefficient of the reduction slice.
  public var perSlice: Int64 = 0
  /// The coefficient of the loop iteration.
  public var perIteration: Int64 = 0

  /// A form.
  public init(
    constant: Int64 = 0, perRowTile: Int64 = 0, perColumnTile: Int64 = 0, perSlice: Int64 = 0, perIteration: Int64 = 0
  ) {
    self.constant = constant
    self.perRowTile = perRowTile
    self.perColumnTile = perColumnTile
    self.perSlice = perSlice
    self.perIteration = perIteration
  }

  /// The value at a work-group and iteration.
  @inlinable @inline(__always)
  public func value(_ at: WorkGroupCoordinates, iteration: Int32) -> Int64 {
    constant + Int64(at.rowTile) * perRowTile + Int64(at.columnTile) * perColumnTile + Int64(at.slice) * perSlice
      + Int64(iteration) * perIteration
  }
}
