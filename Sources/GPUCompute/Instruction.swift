/// One instruction of a kernel program: an opcode and the indices of its memory and
/// tested-operand patterns.
///
/// A small trivial value, so programs are flat arrays.
public struct Instruction: Equatable, Hashable, Sendable {
  /// The opcode.
  public var opcode: Opcode
  /// Its kind (cached from the opcode).
  public var kind: InstructionKind
  /// The lanes it runs on.
  public var lanes: LaneSelector
  /// For memory instructions, the index of the access in the kernel's `accesses`; else -1.
  public var access: Int32
  /// For multiplies, the index of the tested operand in the kernel's `testedOperands`; else -1.
  public var tested: Int32
  /// For multiplies, the row offset of this instruction's tested element (micro-tile row).
  public var testedRowOffset: Int32
  /// For multiplies, the column offset of this instruction's tested element (reduction step).
  public var testedColumnOffset: Int32
  /// For LDS reads, how many distinct addresses a wavefront's lanes read (lanes sharing an
  /// address get its data broadcast, so only distinct addresses use LDS bandwidth); 0 means
  /// every lane reads its own.
  public var ldsAddresses: Int16

  /// An instruction.
  public init(
    _ opcode: Opcode, lanes: LaneSelector = .all, access: Int32 = -1, tested: Int32 = -1, testedRowOffset: Int32 = 0,
    testedColumnOffset: Int32 = 0, ldsAddresses: Int16 = 0
  ) {
    self.opcode = opcode
    self.kind = opcode.kind
    self.lanes = lanes
    self.access = access
    self.tested = tested
    self.testedRowOffset = testedRowOffset
    self.testedColumnOffset = testedColumnOffset
    self.ldsAddresses = ldsAddresses
  }
}
