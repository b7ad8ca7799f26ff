import Foundation
import GPUCompute
import SimKernel

/// A hand-written kernel: `workGroups` work-groups of `wavefronts` wavefronts each running
/// `opcodes` in order (no memory accesses unless `accesses` are given).
func handKernel(_ opcodes: [Opcode], wavefronts: Int = 1, workGroups: Int = 1, accesses: [TileAccess] = []) -> Kernel {
  var accessIndex: Int32 = 0
  let program = opcodes.map { opcode -> Instruction in
    if opcode.kind == .vectorLoad || opcode.kind == .vectorStore, !accesses.isEmpty {
      defer { accessIndex += 1 }
      return Instruction(opcode, access: accessIndex)
    }
    return Instruction(opcode)
  }
  return Kernel(
    program: program, loopStart: program.count, loopEnd: program.count, workGroupSize: 64 * wavefronts,
    columnTiles: workGroups, accesses: accesses)
}

/// 64 consecutive floats per wavefront of work-group `columnTile`: four 64-byte blocks.
func contiguousLoad(threads: Int = 64) -> TileAccess {
  TileAccess(
    tensor: 1, rowOrigin: LinearForm(), columnOrigin: LinearForm(perColumnTile: Int64(threads)), tileRows: 1,
    tileColumns: Int64(threads), elementsPerLane: 1, threads: Int64(threads), rows: 1, columns: 1 << 20,
    pitch: 1 << 20)
}

/// The traced instructions of wavefront `wavefront` with opcode `opcode`, in fetch order.
func records(_ trace: KernelRunner.ComputeUnitTrace, wavefront: Int, _ opcode: Opcode) -> [TracedInstruction] {
  trace.instructions.filter { $0.wavefront == wavefront && $0.opcode == opcode }
}

/// A small dependency-free random source for property tests: each case gets its own seed,
/// and the seed goes into every failure message so a failing case can be replayed alone.
struct CaseRandom {
  private var generator: SplitMix64

  init(seed: UInt64) { generator = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D ^ 0x9E37_79B9_7F4A_7C15) }

  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(generator.next() % UInt64(range.count))
  }

  mutating func pick<T>(_ choices: [T]) -> T { choices[int(in: 0...(choices.count - 1))] }

  mutating func chance(_ probability: Double) -> Bool { generator.nextUnitDouble() < probability }

  mutating func unit() -> Double { generator.nextUnitDouble() }
}

/// Paths inside the repository, found from this file's location.
enum Repository {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static func text(_ relative: String) throws -> String {
    try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
  }
}
