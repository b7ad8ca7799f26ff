/// The timeline of one fetched instruction on a compute unit, recorded when a trace is
/// requested (`KernelRunner.trace`): what tests check the issue and readiness rules against.
public struct TracedInstruction: Equatable, Sendable {
  /// The wavefront's age in its compute unit (0 for the first wavefront mapped).
  public var wavefront: Int
  /// The opcode.
  public var opcode: Opcode
  /// The instruction's index in the program.
  public var programCounter: Int
  /// Its loop iteration.
  public var iteration: Int
  /// The cycle it was fetched.
  public var fetchCycle: Int64
  /// The cycle it was issued, or -1.
  public var issueCycle: Int64 = -1
  /// The cycle a SIMD started executing it (VALU only), or -1.
  public var startCycle: Int64 = -1
  /// The cycle it left the pipeline, or -1.
  public var retireCycle: Int64 = -1
  /// Its execute latency in cycles (VALU).
  public var latency: Int
  /// Cycles until its SIMD may start the next VALU.
  public var interval: Int

  /// A record.
  public init(
    wavefront: Int, opcode: Opcode, programCounter: Int, iteration: Int, fetchCycle: Int64, latency: Int, interval: Int
  ) {
    self.wavefront = wavefront
    self.opcode = opcode
    self.programCounter = programCounter
    self.iteration = iteration
    self.fetchCycle = fetchCycle
    self.latency = latency
    self.interval = interval
  }
}
