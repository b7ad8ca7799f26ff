/// The Southern Islands opcodes the kernel builder emits, with what the timing model and the
/// energy stage need to know about each.
public enum Opcode: UInt8, CaseIterable, Sendable {
  /// VOP2 `v_mac_f32`: D += S0 × S1, the GEMM inner-loop instruction.
  case vMacF32
  /// VOP2 `v_mul_f32`: D = S0 × S1.
  case vMulF32
  /// VOP2 `v_add_f32`.
  case vAddF32
  /// VOP2 `v_max_f32` (ReLU, max pooling).
  case vMaxF32
  /// VOP2 `v_cndmask_b32` (ReLU derivative).
  case vCndmaskB32
  /// VOP2 `v_add_i32` (address arithmetic).
  case vAddI32
  /// VOP1 `v_mov_b32`.
  case vMovB32
  /// SOP2 `s_add_u32` (loop counter).
  case sAddU32
  /// SOPC `s_cmp_lt_u32`.
  case sCmpLtU32
  /// SMRD `s_buffer_load_dwordx4` (kernel arguments).
  case sBufferLoadDwordx4
  /// SOPP `s_cbranch_scc1` (loop back edge): the branch unit.
  case sCbranchScc1
  /// SOPP `s_waitcnt`.
  case sWaitcnt
  /// SOPP `s_barrier`.
  case sBarrier
  /// SOPP `s_endpgm`.
  case sEndpgm
  /// DS `ds_read_b32`.
  case dsReadB32
  /// DS `ds_read_b128`.
  case dsReadB128
  /// DS `ds_write_b32`.
  case dsWriteB32
  /// DS `ds_write_b128`.
  case dsWriteB128
  /// MUBUF `buffer_load_dword`.
  case bufferLoadDword
  /// MUBUF `buffer_load_dwordx4`.
  case bufferLoadDwordx4
  /// MUBUF `buffer_store_dword`.
  case bufferStoreDword
  /// MUBUF `buffer_store_dwordx4`.
  case bufferStoreDwordx4

  /// What kind of instruction it is, which decides its unit and readiness rule.
  public var kind: InstructionKind {
    switch self {
    case .vMacF32, .vMulF32: return .vectorMultiply
    case .vAddF32, .vMaxF32, .vCndmaskB32, .vAddI32, .vMovB32: return .vectorALU
    case .sAddU32, .sCmpLtU32: return .scalarALU
    case .sBufferLoadDwordx4: return .scalarLoad
    case .sCbranchScc1: return .branch
    case .sWaitcnt: return .waitCount
    case .sBarrier: return .barrier
    case .sEndpgm: return .endProgram
    case .dsReadB32, .dsReadB128: return .ldsRead
    case .dsWriteB32, .dsWriteB128: return .ldsWrite
    case .bufferLoadDword, .bufferLoadDwordx4: return .vectorLoad
    case .bufferStoreDword, .bufferStoreDwordx4: return .vectorStore
    }
  }

  /// Bytes each active lane moves (memory and LDS instructions), else 0.
  public var bytesPerLane: Int {
    switch self {
    case .dsReadB32, .dsWriteB32, .bufferLoadDword, .bufferStoreDword: return 4
    case .dsReadB128, .dsWriteB128, .bufferLoadDwordx4, .bufferStoreDwordx4: return 16
    default: return 0
    }
  }

  /// 32-bit vector-register reads per active lane.
  public var registerReads: Int {
    switch self {
    case .vMacF32: return 3
    case .vMulF32, .vAddF32, .vMaxF32, .vCndmaskB32, .vAddI32: return 2
    case .vMovB32: return 1
    case .dsWriteB32, .bufferStoreDword: return 2
    case .dsWriteB128, .bufferStoreDwordx4: return 5
    case .dsReadB32, .dsReadB128, .bufferLoadDword, .bufferLoadDwordx4: return 1
    default: return 0
    }
  }

  /// 32-bit vector-register writes per active lane.
  public var registerWrites: Int {
    switch self {
    case .vMacF32, .vMulF32, .vAddF32, .vMaxF32, .vCndmaskB32, .vAddI32, .vMovB32: return 1
    case .dsReadB32, .bufferLoadDword: return 1
    case .dsReadB128, .bufferLoadDwordx4: return 4
    default: return 0
    }
  }

  /// FP32 additions per active lane.
  public var floatAdds: Int {
    switch self {
    case .vMacF32, .vAddF32: return 1
    default: return 0
    }
  }
}
