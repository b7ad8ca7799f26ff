import SimKernel

/// The activity QCNPE records, one counter per (component, action). Raw values index the
/// ledger; `schema` gives each its name and meaning.
public enum QCNPECounter: Int, CaseIterable, Sendable {
  /// An NCU multiplies an input by a weight, both truncated to the column's precision;
  /// widths: input bits × weight bits.
  case multiply
  /// An NCU adds a product into its accumulator; width: the accumulator slices left ungated.
  case accumulate
  /// An NCU latches an operand word into the register that forwards it to its neighbour;
  /// width: the word (operands travel at full width, precision applies inside the NCU).
  case operandLatch
  /// An NCU's precision-control register is written at the start of a fold.
  case precisionWrite
  /// An NCU's accumulated sum is shifted out towards its row's AFU.
  case sumDrain
  /// An NCU is clocked for one cycle (in the used region of a fold).
  case ncuActiveCycle
  /// An NCU is clock-gated for one cycle (unused in a fold, or the array stalled or waiting).
  case ncuGatedCycle
  /// A word is popped from a left (input) FIFO.
  case leftFIFOPop
  /// A word is pushed into a left (input) FIFO.
  case leftFIFOPush
  /// A word is popped from a top (weight) FIFO.
  case topFIFOPop
  /// A word is pushed into a top (weight) FIFO.
  case topFIFOPush
  /// The on-chip memory reads a word to refill a FIFO.
  case memoryRead
  /// The on-chip memory stores an output written back by an AFU.
  case memoryWrite
  /// An AFU evaluates a piecewise-linear activation (sigmoid, tanh, softmax's exponential).
  case afuPiecewiseLinear
  /// An AFU applies ReLU or ReLU6 (a comparison and a clamp).
  case afuRectify
  /// An AFU passes a sum through unchanged (identity activation).
  case afuBypass
  /// An AFU compares two values (max pooling).
  case afuCompare
  /// An AFU adds two values (average pooling).
  case afuAdd
  /// An AFU scales a pooled sum by 1/window (average pooling).
  case afuScale
  /// The ifmap SRAM of the memory hierarchy serves an input word to a FIFO.
  case sramIfmapRead
  /// The ifmap SRAM stores a word the DRAM delivered.
  case sramIfmapWrite
  /// The filter SRAM serves a weight word to a FIFO.
  case sramFilterRead
  /// The filter SRAM stores a word the DRAM delivered.
  case sramFilterWrite
  /// The ofmap SRAM reads a word: a partial sum to continue (ws, is) or an output to write back.
  case sramOfmapRead
  /// The ofmap SRAM stores an output or partial sum.
  case sramOfmapWrite
  /// The DRAM delivers an ifmap word.
  case dramIfmapRead
  /// The DRAM delivers a filter word.
  case dramFilterRead
  /// The DRAM stores an ofmap word written back.
  case dramOfmapWrite
  /// Multiplier-input bits that flipped between consecutive operands of an NCU (inputs and
  /// weights at the column's precision); recorded only for layers with operand activity.
  case multiplierToggledBits
  /// Multiplier-input bits compared between consecutive operands (transitions × bits).
  case multiplierComparedBits
  /// Operand-register bits that flipped between consecutive words latched (full words).
  case operandRegisterToggledBits
  /// Operand-register bits compared between consecutive words latched.
  case operandRegisterComparedBits

  /// The component and action names of every counter, in raw-value order.
  public static let schema = LedgerSchema(allCases.map(\.descriptor))

  var descriptor: LedgerSchema.Counter {
    switch self {
    case .multiply:
      return .init(
        component: "ncu.multiplier", action: "multiply", widthArity: 2, description: "products, by input × weight bits")
    case .accumulate:
      return .init(
        component: "ncu.accumulator", action: "accumulate", widthArity: 1, description: "additions, by ungated accumulator bits")
    case .operandLatch:
      return .init(
        component: "ncu.operand_registers", action: "latch", widthArity: 1, description: "operand words latched, by word bits")
    case .precisionWrite:
      return .init(component: "ncu.precision_register", action: "write", widthArity: 0, description: "precision-register writes")
    case .sumDrain:
      return .init(component: "ncu.accumulator", action: "drain", widthArity: 0, description: "sums shifted towards the AFU")
    case .ncuActiveCycle:
      return .init(component: "clock.ncu", action: "active_cycle", widthArity: 0, description: "NCU-cycles clocked")
    case .ncuGatedCycle:
      return .init(component: "clock.ncu", action: "gated_cycle", widthArity: 0, description: "NCU-cycles clock-gated")
    case .leftFIFOPop: return .init(component: "fifo.left", action: "pop", widthArity: 1, description: "input words popped")
    case .leftFIFOPush: return .init(component: "fifo.left", action: "push", widthArity: 1, description: "input words pushed")
    case .topFIFOPop: return .init(component: "fifo.top", action: "pop", widthArity: 1, description: "weight words popped")
    case .topFIFOPush: return .init(component: "fifo.top", action: "push", widthArity: 1, description: "weight words pushed")
    case .memoryRead:
      return .init(
        component: "sram", action: "read", widthArity: 1, description: "words read to refill FIFOs or continue a partial sum")
    case .memoryWrite:
      return .init(component: "sram", action: "write", widthArity: 1, description: "outputs and partial sums written back")
    case .afuPiecewiseLinear:
      return .init(component: "afu", action: "piecewise_linear", widthArity: 0, description: "sigmoid/tanh/exp evaluations")
    case .afuRectify: return .init(component: "afu", action: "rectify", widthArity: 0, description: "ReLU evaluations")
    case .afuBypass: return .init(component: "afu", action: "bypass", widthArity: 0, description: "identity pass-throughs")
    case .afuCompare: return .init(component: "afu", action: "compare", widthArity: 0, description: "max-pool comparisons")
    case .afuAdd: return .init(component: "afu", action: "add", widthArity: 0, description: "average-pool additions")
    case .afuScale: return .init(component: "afu", action: "scale", widthArity: 0, description: "average-pool scalings")
    case .sramIfmapRead:
      return .init(component: "sram.ifmap", action: "read", widthArity: 1, description: "input words served to the FIFOs")
    case .sramIfmapWrite:
      return .init(component: "sram.ifmap", action: "write", widthArity: 1, description: "input words filled from DRAM")
    case .sramFilterRead:
      return .init(component: "sram.filter", action: "read", widthArity: 1, description: "weight words served to the FIFOs")
    case .sramFilterWrite:
      return .init(component: "sram.filter", action: "write", widthArity: 1, description: "weight words filled from DRAM")
    case .sramOfmapRead:
      return .init(
        component: "sram.ofmap", action: "read", widthArity: 1, description: "partial sums continued and outputs written back")
    case .sramOfmapWrite:
      return .init(component: "sram.ofmap", action: "write", widthArity: 1, description: "outputs and partial sums stored")
    case .dramIfmapRead: return .init(component: "dram.ifmap", action: "read", widthArity: 1, description: "input words read")
    case .dramFilterRead: return .init(component: "dram.filter", action: "read", widthArity: 1, description: "weight words read")
    case .dramOfmapWrite:
      return .init(component: "dram.ofmap", action: "write", widthArity: 1, description: "output words written back")
    case .multiplierToggledBits:
      return .init(
        component: "ncu.multiplier", action: LedgerSchema.Counter.toggledBitsAction, widthArity: 0,
        description: "operand bits toggled at multiplier inputs", isActivityTally: true)
    case .multiplierComparedBits:
      return .init(
        component: "ncu.multiplier", action: LedgerSchema.Counter.comparedBitsAction, widthArity: 0,
        description: "operand bits compared at multiplier inputs", isActivityTally: true)
    case .operandRegisterToggledBits:
      return .init(
        component: "ncu.operand_registers", action: LedgerSchema.Counter.toggledBitsAction, widthArity: 0,
        description: "operand-register bits toggled", isActivityTally: true)
    case .operandRegisterComparedBits:
      return .init(
        component: "ncu.operand_registers", action: LedgerSchema.Counter.comparedBitsAction, widthArity: 0,
        description: "operand-register bits compared", isActivityTally: true)
    }
  }
}

extension ActivityLedger {
  @inlinable @inline(__always)
  mutating func add(_ count: Int, _ counter: QCNPECounter, bitsA: Int = 0, bitsB: Int = 0) {
    guard count > 0 else { return }
    add(UInt64(count), to: counter.rawValue, bitsA: bitsA, bitsB: bitsB)
  }
}
