/// A simulation that could not finish.
public enum GPUSimulationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A compute unit made no progress for a million cycles: a model bug, reported instead of
  /// hanging.
  case deadlock(kernel: String, cycle: Int64)
  /// A work-group of the kernel needs more wavefront slots, registers or LDS than a compute
  /// unit has (the mapper reports this first; kept as a guard).
  case workGroupDoesNotFit(kernel: String)

  /// One line for the user.
  public var description: String {
    switch self {
    case .deadlock(let kernel, let cycle):
      return "the GPU model stopped making progress in a \(kernel) kernel at cycle \(cycle); please report this as a bug"
    case .workGroupDoesNotFit(let kernel):
      return "a work-group of the \(kernel) kernel does not fit a compute unit (wavefront slots, registers or LDS)"
    }
  }
}
