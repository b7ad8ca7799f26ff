/// The timing of a class of VALU instructions on one SIMD.
public struct FPUTiming: Equatable, Hashable, Sendable {
  /// Cycles from execute start to completion.
  public var latencyCycles: Int
  /// Cycles from one execute start to the next on the same SIMD.
  public var intervalCycles: Int

  /// A timing.
  public init(latencyCycles: Int, intervalCycles: Int) {
    self.latencyCycles = latencyCycles
    self.intervalCycles = intervalCycles
  }
}
