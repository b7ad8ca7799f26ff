extension KernelBuilder {
  /// SGD with momentum over a `rows` × `columns` weight matrix (CANNA §V-A trains with
  /// momentum 0.1): each work-item updates four weights.
  ///
  /// ```
  ///  buffer_load_dwordx4 W, dW, V · s_waitcnt
  ///  v_mac_f32 ×4   V ← dW + μ·V
  ///  v_mac_f32 ×4   W ← W − η·V
  ///  buffer_store_dwordx4 W, V · s_waitcnt · s_endpgm
  /// ```
  ///
  /// CANNA tests the velocity element in both multiplies (the other operand is a uniform
  /// constant).
  public static func update(rows: Int, columns: Int, velocitySalt: UInt64, fpu: LayerFPU, config: GPUConfig) -> Kernel {
    let threads = config.workGroupSize
    let shape = OutputShape(
      rows: rows, columns: columns, threadRows: 1, threadColumns: threads, rowsPerThread: 1, columnsPerThread: 4)
    var program = ProgramBuilder()
    program.emitPrologue()
    program.markLoopStart()
    program.markLoopEnd()
    for tensor in [1, 2, 6] {
      program.emitMemory(
        .bufferLoadDwordx4, lanes: .compute, access: shape.access(tensor: tensor, row: 0, perSlice: false, threads: threads))
    }
    program.emit(.sWaitcnt)
    let tested = program.addTested(
      TestedOperandPattern(
        salt: velocitySalt, rowOrigin: LinearForm(perRowTile: 1),
        columnOrigin: LinearForm(perColumnTile: Int64(shape.tileColumns)),
        columnLane: LaneTerm(divisor: 1, modulus: threads, scale: 4), rows: Int64(rows), columns: Int64(columns)))
    for _ in 0..<2 {
      for element in 0..<4 { program.emitMultiply(.vMacF32, lanes: .compute, tested: tested, row: 0, column: element) }
    }
    for tensor in [1, 6] {
      program.emitMemory(
        .bufferStoreDwordx4, lanes: .compute, access: shape.access(tensor: tensor, row: 0, perSlice: false, threads: threads))
    }
    program.emitEnd()
    return elementwiseKernel(.update, program: program, shape: shape, registers: 16, fpu: fpu, threads: threads)
  }

  /// A pooling pass over `outputs` output elements with `window` inputs each: every work-item
  /// reduces one window [assumption: the inputs are read once, coalesced, as a window ×
  /// outputs matrix; overlapping windows are not re-read].
  ///
  /// ```
  ///  forward:  buffer_load_dword × window · s_waitcnt · v_max_f32 × (window − 1)
  ///            (average: v_add_f32 × (window − 1) · v_mul_f32) · buffer_store_dword
  ///  backward: buffer_load_dword × (window + 1) · s_waitcnt · v_cndmask_b32 × window ·
  ///            buffer_store_dword × window
  /// ```
  public static func pool(
    outputs: Int, window: Int, average: Bool, backward: Bool, sumSalt: UInt64, fpu: LayerFPU, config: GPUConfig
  ) -> Kernel {
    let threads = config.workGroupSize
    let shape = OutputShape(
      rows: 1, columns: outputs, threadRows: 1, threadColumns: threads, rowsPerThread: 1, columnsPerThread: 1)
    func windowAccess(_ tensor: Int, _ element: Int) -> TileAccess {
      TileAccess(
        tensor: tensor, rowOrigin: LinearForm(constant: Int64(element)),
        columnOrigin: LinearForm(perColumnTile: Int64(threads)), tileRows: 1, tileColumns: Int64(threads),
        elementsPerLane: 1, threads: Int64(threads), rows: Int64(window), columns: Int64(outputs),
        pitch: TileAccess.paddedPitch(outputs))
    }
    var program = ProgramBuilder()
    program.emitPrologue()
    program.markLoopStart()
    program.markLoopEnd()
    for element in 0..<window { program.emitMemory(.bufferLoadDword, lanes: .compute, access: windowAccess(1, element)) }
    if backward {
      program.emitMemory(
        .bufferLoadDword, lanes: .compute, access: shape.access(tensor: 2, row: 0, perSlice: false, threads: threads))
      program.emit(.sWaitcnt)
      program.emit(.vCndmaskB32, lanes: .compute, count: window)
      for element in 0..<window { program.emitMemory(.bufferStoreDword, lanes: .compute, access: windowAccess(3, element)) }
    } else {
      program.emit(.sWaitcnt)
      if average {
        program.emit(.vAddF32, lanes: .compute, count: window - 1)
        let tested = program.addTested(
          TestedOperandPattern(
            salt: sumSalt, rowOrigin: LinearForm(), columnOrigin: LinearForm(perColumnTile: Int64(threads)),
            columnLane: LaneTerm(divisor: 1, modulus: threads, scale: 1), rows: 1, columns: Int64(outputs)))
        program.emitMultiply(.vMulF32, lanes: .compute, tested: tested, row: 0, column: 0)
      } else {
        program.emit(.vMaxF32, lanes: .compute, count: window - 1)
      }
      program.emitMemory(
        .bufferStoreDword, lanes: .compute, access: shape.access(tensor: 3, row: 0, perSlice: false, threads: threads))
    }
    program.emitEnd()
    return elementwiseKernel(
      backward ? .poolBackward : .pool, program: program, shape: shape, registers: window + 8, fpu: fpu, threads: threads)
  }

  /// A kernel whose work-groups each cover one row segment of `shape`, with no loop.
  static func elementwiseKernel(
    _ role: KernelRole, program: ProgramBuilder, shape: OutputShape, registers: Int, fpu: LayerFPU, threads: Int
  ) -> Kernel {
    Kernel(
      role: role, program: program.instructions, loopStart: program.loopStart, loopEnd: program.loopEnd,
      workGroupSize: threads, rowTiles: shape.rows, columnTiles: (shape.columns + shape.tileColumns - 1) / shape.tileColumns,
      slices: 1, iterationsPerSlice: 1, iterationsInLastSlice: 1, layout: shape.layout, vectorRegisters: registers,
      ldsBytes: 0, accesses: program.accesses, testedOperands: program.testedOperands, fpu: fpu, usefulMACs: 0)
  }
}
