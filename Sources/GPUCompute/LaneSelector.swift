/// Which lanes of a wavefront an instruction runs on.
public enum LaneSelector: Equatable, Hashable, Sendable {
  /// Every lane of the work-group's wavefront.
  case all
  /// Lanes whose work-item owns output elements (edge tiles switch the others off).
  case compute
  /// Lanes whose work-item index in the work-group is below the bound.
  case threadsBelow(Int32)
}
