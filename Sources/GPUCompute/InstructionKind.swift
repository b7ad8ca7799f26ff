/// The execution-unit class and readiness rule of an instruction (docs/sources.md#multi2sim).
public enum InstructionKind: UInt8, CaseIterable, Sendable {
  /// VALU other than a multiply: exact timing; ready the cycle after it starts executing.
  case vectorALU
  /// An FP32 multiply-type VALU: the approximate FPU decides its timing.
  case vectorMultiply
  /// A scalar ALU instruction: ready when it completes.
  case scalarALU
  /// An SMRD load: ready the cycle after issue; counted in `lgkm`.
  case scalarLoad
  /// A branch (branch unit): ready when it completes.
  case branch
  /// `s_waitcnt` (scalar unit): at completion the wavefront waits until every counter is 0.
  case waitCount
  /// `s_barrier` (scalar unit): at completion the wavefront waits for its work-group.
  case barrier
  /// `s_endpgm` (scalar unit): completes once every counter is 0; the wavefront ends.
  case endProgram
  /// A DS read: ready at the LDS write stage; counted in `lgkm`.
  case ldsRead
  /// A DS write: ready at the LDS write stage; counted in `lgkm`.
  case ldsWrite
  /// A MUBUF load: ready the cycle after issue; counted in `vm` until its data returns.
  case vectorLoad
  /// A MUBUF store: ready the cycle after issue; counted in `vm` until acknowledged.
  case vectorStore

  /// The execution unit the instruction issues to.
  public var unit: UnitClass {
    switch self {
    case .vectorALU, .vectorMultiply: return .simd
    case .scalarALU, .scalarLoad, .waitCount, .barrier, .endProgram: return .scalar
    case .branch: return .branch
    case .ldsRead, .ldsWrite: return .lds
    case .vectorLoad, .vectorStore: return .vectorMemory
    }
  }
}
