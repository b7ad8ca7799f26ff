/// One GPU kernel launch (an OpenCL NDRange): the program every wavefront runs, the grid of
/// work-groups, their resource needs, and the patterns its memory instructions and
/// approximate multiplies follow.
///
/// ```
///  program:  [prologue) [loop body) × iterations(work-group) [epilogue)
///  grid:     work-group g ─► (row tile, column tile, reduction slice, group) = (mt, nt, ks, gr)
///            g = ((gr · slices + ks) · rowTiles + mt) · columnTiles + nt
/// ```
///
/// Every wavefront of every work-group runs the same instructions; what differs is its lane
/// mask, the addresses its memory instructions touch and the operands its multiplies test,
/// all computed from (mt, nt, ks, loop iteration, lane) by the patterns.
public struct Kernel: Equatable, Sendable {
  /// What the kernel does in its layer.
  public var role: KernelRole
  /// The instructions.
  public var program: [Instruction]
  /// The index of the first loop-body instruction.
  public var loopStart: Int
  /// The index one past the last loop-body instruction.
  public var loopEnd: Int
  /// Work-items per work-group (a multiple of 64).
  public var workGroupSize: Int
  /// Row tiles of the grid.
  public var rowTiles: Int
  /// Column tiles of the grid.
  public var columnTiles: Int
  /// Reduction slices of the grid (split-K).
  public var slices: Int
  /// Loop iterations of a work-group in slice 0...slices−2; the last slice may run fewer.
  public var iterationsPerSlice: Int
  /// Loop iterations of a work-group in the last slice.
  public var iterationsInLastSlice: Int
  /// How work-items own output elements, for lane masks and tested-operand lanes.
  public var layout: ThreadLayout
  /// 32-bit vector registers per work-item.
  public var vectorRegisters: Int
  /// LDS bytes per work-group.
  public var ldsBytes: Int
  /// The global-memory accesses the program's vector-memory instructions make.
  public var accesses: [TileAccess]
  /// The operands the program's multiplies test.
  public var testedOperands: [TestedOperandPattern]
  /// The multiplier and hit rate of the kernel's multiplies.
  public var fpu: LayerFPU
  /// Multiply-accumulates the kernel performs on real (unpadded) data.
  public var usefulMACs: Int

  /// A kernel.
  ///
  /// The defaults describe a hand-written program: one work-group of one
  /// wavefront, no loop, every lane active, exact multiplies.
  public init(
    role: KernelRole = .forward, program: [Instruction], loopStart: Int = 0, loopEnd: Int = 0, workGroupSize: Int = 64,
    rowTiles: Int = 1, columnTiles: Int = 1, slices: Int = 1, iterationsPerSlice: Int = 1, iterationsInLastSlice: Int = 1,
    layout: ThreadLayout? = nil, vectorRegisters: Int = 8, ldsBytes: Int = 0, accesses: [TileAccess] = [],
    testedOperands: [TestedOperandPattern] = [], fpu: LayerFPU = LayerFPU(mode: .exact), usefulMACs: Int = 0
  ) {
    self.role = role
    self.program = program
    self.loopStart = loopStart
    self.loopEnd = loopEnd
    self.workGroupSize = workGroupSize
    self.rowTiles = rowTiles
    self.columnTiles = columnTiles
    self.slices = slices
    self.iterationsPerSlice = iterationsPerSlice
    self.iterationsInLastSlice = iterationsInLastSlice
    self.layout =
      layout
      ?? ThreadLayout(
        threadRows: 1, threadColumns: workGroupSize, rowsPerThread: 1, columnsPerThread: 1, outputRows: rowTiles,
        outputColumns: columnTiles * workGroupSize)
    self.vectorRegisters = vectorRegisters
    self.ldsBytes = ldsBytes
    self.accesses = accesses
    self.testedOperands = testedOperands
    self.fpu = fpu
    self.usefulMACs = usefulMACs
  }

  /// Independent products the grid covers (a grouped convolution's groups, a batched GEMM's
  /// count): each runs the same program on its own operands (`Kernel+Groups.swift`).
  public var groups: Int = 1

  /// Work-groups in the grid.
  public var workGroupCount: Int { groups * rowTiles * columnTiles * slices }
  /// Wavefronts per work-group.
  public var wavefrontsPerWorkGroup: Int { workGroupSize / GPUConfig.wavefrontSize }

  /// The grid coordinates of work-group `index`.
  @inlinable
  public func coordinates(ofWorkGroup index: Int) -> WorkGroupCoordinates {
    let perSlice = rowTiles * columnTiles
    let perGroup = perSlice * slices
    let group = index / perGroup
    let inGroup = index - group * perGroup
    let slice = inGroup / perSlice
    let rest = inGroup - slice * perSlice
    return WorkGroupCoordinates(
      rowTile: Int32(rest / columnTiles), columnTile: Int32(rest % columnTiles), slice: Int32(slice), group: Int32(group))
  }

  /// Loop iterations of a work-group in `slice`.
  @inlinable
  public func iterations(inSlice slice: Int) -> Int {
    slice == slices - 1 ? iterationsInLastSlice : iterationsPerSlice
  }
}
