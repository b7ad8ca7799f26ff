/// Accumulates a kernel's instructions with their memory accesses and tested operands.
///
/// ```
///  prologue … markLoopStart() … loop body … markLoopEnd() … epilogue … s_endpgm
/// ```
struct ProgramBuilder {
  var instructions: [Instruction] = []
  var accesses: [TileAccess] = []
  var testedOperands: [TestedOperandPattern] = []
  var loopStart = 0
  var loopEnd = 0

  mutating func emit(_ opcode: Opcode, lanes: LaneSelector = .all, count: Int = 1) {
    for _ in 0..<max(0, count) { instructions.append(Instruction(opcode, lanes: lanes)) }
  }

  /// Emits a vector-memory instruction moving `access`.
  mutating func emitMemory(_ opcode: Opcode, lanes: LaneSelector, access: TileAccess) {
    accesses.append(access)
    instructions.append(Instruction(opcode, lanes: lanes, access: Int32(accesses.count - 1)))
  }

  /// Registers a tested-operand pattern; returns its index.
  mutating func addTested(_ pattern: TestedOperandPattern) -> Int32 {
    testedOperands.append(pattern)
    return Int32(testedOperands.count - 1)
  }

  /// Emits a multiply testing element (row offset, column offset) of pattern `tested`.
  mutating func emitMultiply(_ opcode: Opcode, lanes: LaneSelector, tested: Int32, row: Int, column: Int) {
    instructions.append(
      Instruction(opcode, lanes: lanes, tested: tested, testedRowOffset: Int32(row), testedColumnOffset: Int32(column)))
  }

  /// The kernel arguments arrive through the scalar data cache; work-item indices are set up.
  mutating func emitPrologue(addressSetup: Int = 3) {
    emit(.sBufferLoadDwordx4, count: 2)
    emit(.sWaitcnt)
    emit(.vAddI32, count: addressSetup)
  }

  /// The loop back edge: advance the pointers, bump and test the counter, branch.
  mutating func emitLoopOverhead(pointerUpdates: Int) {
    emit(.vAddI32, count: pointerUpdates)
    emit(.sAddU32)
    emit(.sCmpLtU32)
    emit(.sCbranchScc1)
  }

  mutating func markLoopStart() { loopStart = instructions.count }
  mutating func markLoopEnd() { loopEnd = instructions.count }

  /// Ends the program: wait for outstanding stores, then `s_endpgm`.
  mutating func emitEnd() {
    emit(.sWaitcnt)
    emit(.sEndpgm)
  }
}
