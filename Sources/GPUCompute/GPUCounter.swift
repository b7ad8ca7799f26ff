import SimKernel

/// The activity the GPU model records, one counter per (component, action).
///
/// Raw values index the ledger; `schema` gives each its name and meaning. Counts are per wavefront
/// instruction, per active lane, per 32-bit word or per 64-byte block, as each says.
public enum GPUCounter: Int, CaseIterable, Sendable {
  /// A wavefront instruction is fetched, decoded and issued (instruction buffer, sequencer).
  case fetch
  /// A lane executes a VALU operation other than an FP32 add or multiply (integer, move,
  /// compare, max, select).
  case laneOperation
  /// A lane's FP32 adder adds (`v_add_f32`, and the add of every `v_mac_f32`).
  case floatAdd
  /// A lane's exact FP32 multiplier multiplies.
  case multiplyExact
  /// A lane's CANNA multiplier runs in approximate mode (the tested mantissa passed).
  case multiplyCannaHit
  /// A lane's CANNA multiplier runs in exact mode (the check failed).
  case multiplyCannaMiss
  /// A lane's FramNN multiplier multiplies m-bit significands; widths: m × m.
  case multiplyMantissa
  /// A lane reads a 32-bit vector register.
  case registerRead
  /// A lane writes a 32-bit vector register.
  case registerWrite
  /// The scalar unit executes an instruction (ALU, `s_waitcnt`, `s_barrier`, `s_endpgm`).
  case scalarOperation
  /// The scalar unit reads the scalar data cache (SMRD).
  case scalarLoad
  /// The branch unit executes a branch.
  case branch
  /// The LDS reads a 32-bit word for a lane.
  case ldsRead
  /// The LDS writes a 32-bit word for a lane.
  case ldsWrite
  /// A vector L1 lookup finds its 64-byte block.
  case l1Hit
  /// A vector L1 lookup misses and the block is filled.
  case l1Miss
  /// A store writes a 64-byte block through the vector L1.
  case l1Write
  /// The L2 serves a 64-byte block (every L1 miss and every store).
  case l2Access
  /// DRAM reads a 64-byte block.
  case dramRead
  /// DRAM writes a 64-byte block.
  case dramWrite

  /// The component and action names of every counter, in raw-value order.
  public static let schema = LedgerSchema(allCases.map(\.descriptor))

  var descriptor: LedgerSchema.Counter {
    switch self {
    case .fetch:
      return .init(
        component: "frontend", action: "fetch", widthArity: 0, description: "wavefront instructions fetched and issued")
    case .laneOperation:
      return .init(component: "simd.alu", action: "lane_op", widthArity: 0, description: "integer/move/compare lane operations")
    case .floatAdd: return .init(component: "simd.fpu.adder", action: "add", widthArity: 0, description: "FP32 lane additions")
    case .multiplyExact:
      return .init(
        component: "simd.fpu.multiplier", action: "multiply_exact", widthArity: 0, description: "exact FP32 lane products")
    case .multiplyCannaHit:
      return .init(
        component: "simd.fpu.multiplier", action: "multiply_canna_hit", widthArity: 0,
        description: "CANNA lane products in approximate mode")
    case .multiplyCannaMiss:
      return .init(
        component: "simd.fpu.multiplier", action: "multiply_canna_miss", widthArity: 0,
        description: "CANNA lane products in exact mode")
    case .multiplyMantissa:
      return .init(
        component: "simd.fpu.multiplier", action: "multiply_mantissa", widthArity: 2,
        description: "FramNN lane products, by significand bits m x m")
    case .registerRead:
      return .init(component: "simd.vgpr", action: "read", widthArity: 0, description: "32-bit lane register reads")
    case .registerWrite:
      return .init(component: "simd.vgpr", action: "write", widthArity: 0, description: "32-bit lane register writes")
    case .scalarOperation: return .init(component: "scalar", action: "op", widthArity: 0, description: "scalar instructions")
    case .scalarLoad: return .init(component: "scalar.cache", action: "read", widthArity: 0, description: "SMRD loads")
    case .branch: return .init(component: "branch", action: "op", widthArity: 0, description: "branches")
    case .ldsRead: return .init(component: "lds", action: "read", widthArity: 0, description: "32-bit LDS words read")
    case .ldsWrite: return .init(component: "lds", action: "write", widthArity: 0, description: "32-bit LDS words written")
    case .l1Hit: return .init(component: "cache.l1", action: "hit", widthArity: 0, description: "64-byte L1 hits")
    case .l1Miss: return .init(component: "cache.l1", action: "miss", widthArity: 0, description: "64-byte L1 misses (fills)")
    case .l1Write:
      return .init(component: "cache.l1", action: "write", widthArity: 0, description: "64-byte blocks stored through the L1")
    case .l2Access: return .init(component: "cache.l2", action: "access", widthArity: 0, description: "64-byte L2 accesses")
    case .dramRead: return .init(component: "dram", action: "read", widthArity: 0, description: "64-byte DRAM reads")
    case .dramWrite: return .init(component: "dram", action: "write", widthArity: 0, description: "64-byte DRAM writes")
    }
  }
}
