/// Turns matrix products into Southern Islands kernels: an LDS-tiled GEMM and, when its
/// reduction is split, a kernel summing the partial products (docs/gpu.md, "Kernels").
///
/// ```
///  prologue   s_buffer_load ×2 · s_waitcnt · v_add_i32 ×3 · v_mov_b32 (zero accumulators)
///  loop       buffer_load A tile, B tile · s_waitcnt · ds_write ×… · s_waitcnt · s_barrier
///   × slice     { ds_read A, B values for ldsReadBatch steps · s_waitcnt · v_mac_f32 × rows·columns·steps } × tileK/batch
///               s_barrier · v_add_i32 ×2 · s_add_u32 · s_cmp_lt_u32 · s_cbranch_scc1
///  epilogue   [mask: buffer_load · v_cndmask] [bias: buffer_load · v_add_f32] activation ·
///             buffer_store (outputs, or partial sums of the slice) · s_waitcnt · s_endpgm
/// ```
public enum KernelBuilder {
  /// The kernels of `spec`: the GEMM, then a reduction kernel when the tiling splits K. A
  /// grouped spec gives the same kernels with a grid covering every group.
  public static func gemm(_ spec: GEMMSpec, config: GPUConfig) -> [Kernel] {
    let tiling = GEMMTiling(m: spec.m, n: spec.n, k: spec.k, config: config)
    var kernels = [gemmKernel(spec, tiling: tiling, config: config)]
    if tiling.slices > 1 { kernels.append(reduceKernel(spec, slices: tiling.slices, config: config)) }
    return spec.groups > 1 ? kernels.map { $0.grouped(spec.groups) } : kernels
  }

  static func gemmKernel(_ spec: GEMMSpec, tiling: GEMMTiling, config: GPUConfig) -> Kernel {
    let threads = tiling.workItems
    let (rowsPerThread, columnsPerThread) = (tiling.rowsPerThread, tiling.columnsPerThread)
    let (tileRows, tileColumns, tileK) = (tiling.tileRows, tiling.tileColumns, tiling.tileK)
    let reductionOrigin = LinearForm(perSlice: Int64(tiling.sliceLength), perIteration: Int64(tileK))
    var program = ProgramBuilder()
    program.emitPrologue()
    program.emit(.vMovB32, lanes: .compute, count: rowsPerThread * columnsPerThread)
    program.markLoopStart()
    let loads =
      emitTileLoads(
        &program, spec.a, rows: spec.m, columns: spec.k, tileRows: tileRows, tileColumns: tileK,
        rowOrigin: LinearForm(perRowTile: Int64(tileRows)), columnOrigin: reductionOrigin, threads: threads)
      + emitTileLoads(
        &program, spec.b, rows: spec.k, columns: spec.n, tileRows: tileK, tileColumns: tileColumns,
        rowOrigin: reductionOrigin, columnOrigin: LinearForm(perColumnTile: Int64(tileColumns)), threads: threads)
    program.emit(.sWaitcnt)
    for (vector, lanes) in loads { program.emit(vector ? .dsWriteB128 : .dsWriteB32, lanes: lanes) }
    program.emit(.sWaitcnt)
    program.emit(.sBarrier)
    let tested = program.addTested(testedPattern(spec, tiling: tiling))
    var step = 0
    while step < tileK {
      let batch = min(config.ldsReadBatch, tileK - step)
      // A wavefront spans 64 / threadColumns work-item rows and min(64, threadColumns) columns.
      let wavefrontRows = max(1, GPUConfig.wavefrontSize / tiling.threadColumns)
      let wavefrontColumns = min(GPUConfig.wavefrontSize, tiling.threadColumns)
      emitOperandReads(&program, values: rowsPerThread, steps: batch, addresses: wavefrontRows)
      emitOperandReads(&program, values: columnsPerThread, steps: batch, addresses: wavefrontColumns)
      program.emit(.sWaitcnt)
      for reduction in step..<(step + batch) {
        for row in 0..<rowsPerThread {
          for column in 0..<columnsPerThread {
            program.emitMultiply(
              .vMacF32, lanes: .compute, tested: tested, row: spec.testsA ? row : reduction,
              column: spec.testsA ? reduction : column)
          }
        }
      }
      step += batch
    }
    program.emit(.sBarrier)
    program.emitLoopOverhead(pointerUpdates: 2)
    program.markLoopEnd()
    let shape = OutputShape(
      rows: spec.m, columns: spec.n, threadRows: tiling.threadRows, threadColumns: tiling.threadColumns,
      rowsPerThread: rowsPerThread, columnsPerThread: columnsPerThread)
    if tiling.slices > 1 {
      emitStores(&program, tensor: spec.workspaceTensor, shape: shape, perSlice: true, threads: threads)
    } else {
      emitOutput(&program, spec, shape: shape, threads: threads)
    }
    program.emitEnd()
    let loadRegisters = 4 * loads.count
    let registers =
      rowsPerThread * columnsPerThread + (rowsPerThread + columnsPerThread) * config.ldsReadBatch + loadRegisters + 6
    return Kernel(
      role: spec.role, program: program.instructions, loopStart: program.loopStart, loopEnd: program.loopEnd,
      workGroupSize: threads, rowTiles: tiling.rowTiles, columnTiles: tiling.columnTiles, slices: tiling.slices,
      iterationsPerSlice: tiling.iterationsPerSlice, iterationsInLastSlice: tiling.iterationsInLastSlice,
      layout: shape.layout, vectorRegisters: registers, ldsBytes: (tileRows * tileK + tileK * tileColumns) * 4,
      accesses: program.accesses, testedOperands: program.testedOperands, fpu: spec.fpu, usefulMACs: spec.m * spec.n * spec.k)
  }

  /// The operand CANNA tests in each `v_mac_f32`: an element of A (row, reduction step) or of
  /// B (reduction step, column), identified in the tensor's stored orientation.
  static func testedPattern(_ spec: GEMMSpec, tiling: GEMMTiling) -> TestedOperandPattern {
    let reductionOrigin = LinearForm(perSlice: Int64(tiling.sliceLength), perIteration: Int64(tiling.tileK))
    if spec.testsA {
      return TestedOperandPattern(
        salt: spec.a.salt, rowOrigin: LinearForm(perRowTile: Int64(tiling.tileRows)), columnOrigin: reductionOrigin,
        rowLane: tiling.broadcastsRows
          ? .none
          : LaneTerm(divisor: tiling.threadColumns, modulus: tiling.threadRows, scale: Int64(tiling.rowsPerThread)),
        rows: Int64(spec.m), columns: Int64(spec.k), transposed: spec.a.storedTransposed)
    }
    return TestedOperandPattern(
      salt: spec.b.salt, rowOrigin: reductionOrigin, columnOrigin: LinearForm(perColumnTile: Int64(tiling.tileColumns)),
      columnLane: LaneTerm(divisor: 1, modulus: tiling.threadColumns, scale: Int64(tiling.columnsPerThread)),
      rows: Int64(spec.k), columns: Int64(spec.n), transposed: spec.b.storedTransposed)
  }

  /// Sums the split-K partial products of `spec` (stored slice by slice), four slices per
  /// loop iteration, then applies the output epilogue.
  static func reduceKernel(_ spec: GEMMSpec, slices: Int, config: GPUConfig) -> Kernel {
    let threads = config.workGroupSize
    let perIteration = 4
    var program = ProgramBuilder()
    program.emitPrologue()
    program.markLoopStart()
    for slice in 0..<perIteration {
      let access = TileAccess(
        tensor: spec.workspaceTensor,
        rowOrigin: LinearForm(
          constant: Int64(slice * spec.m), perRowTile: 1, perIteration: Int64(perIteration * spec.m)),
        columnOrigin: LinearForm(perColumnTile: Int64(threads)), tileRows: 1, tileColumns: Int64(threads),
        elementsPerLane: 1, threads: Int64(threads), rows: Int64(slices * spec.m), columns: Int64(spec.n),
        pitch: TileAccess.paddedPitch(spec.n))
      program.emitMemory(.bufferLoadDword, lanes: .compute, access: access)
    }
    program.emit(.sWaitcnt)
    program.emit(.vAddF32, lanes: .compute, count: perIteration)
    program.emitLoopOverhead(pointerUpdates: 1)
    program.markLoopEnd()
    let shape = OutputShape(
      rows: spec.m, columns: spec.n, threadRows: 1, threadColumns: threads, rowsPerThread: 1, columnsPerThread: 1)
    emitOutput(&program, spec, shape: shape, threads: threads)
    program.emitEnd()
    let iterations = (slices + perIteration - 1) / perIteration
    return Kernel(
      role: spec.role == .forward ? .reduce : .backwardReduce, program: program.instructions,
      loopStart: program.loopStart, loopEnd: program.loopEnd, workGroupSize: threads, rowTiles: spec.m,
      columnTiles: (spec.n + threads - 1) / threads, slices: 1, iterationsPerSlice: iterations,
      iterationsInLastSlice: iterations, layout: shape.layout, vectorRegisters: 12, ldsBytes: 0,
      accesses: program.accesses, testedOperands: [], fpu: spec.fpu, usefulMACs: 0)
  }

  /// Emits the cooperative loads of a tile of `operand`; returns, per load, whether it moves
  /// four elements per lane and its lanes (the LDS writes mirror them).
  static func emitTileLoads(
    _ program: inout ProgramBuilder, _ operand: GEMMOperand, rows: Int, columns: Int, tileRows: Int, tileColumns: Int,
    rowOrigin: LinearForm, columnOrigin: LinearForm, threads: Int
  ) -> [(Bool, LaneSelector)] {
    let contiguous = operand.storedTransposed ? tileRows : tileColumns
    let perLane = contiguous % 4 == 0 ? 4 : 1
    let lanesNeeded = (tileRows * tileColumns + perLane - 1) / perLane
    let chunks = (lanesNeeded + threads - 1) / threads
    var loads: [(Bool, LaneSelector)] = []
    for chunk in 0..<chunks {
      let active = min(threads, lanesNeeded - chunk * threads)
      let lanes: LaneSelector = active == threads ? .all : .threadsBelow(Int32(active))
      let access = TileAccess(
        tensor: operand.tensor, rowOrigin: rowOrigin, columnOrigin: columnOrigin, tileRows: Int64(tileRows),
        tileColumns: Int64(tileColumns), elementsPerLane: Int64(perLane), chunk: Int64(chunk), threads: Int64(threads),
        rows: Int64(rows), columns: Int64(columns),
        pitch: TileAccess.paddedPitch(operand.storedTransposed ? rows : columns), columnMajor: operand.storedTransposed)
      program.emitMemory(perLane == 4 ? .bufferLoadDwordx4 : .bufferLoadDword, lanes: lanes, access: access)
      loads.append((perLane == 4, lanes))
    }
    return loads
  }

  /// LDS reads bringing `steps` reduction steps of `values` operands into a work-item's
  /// registers: the tiles sit in the LDS reduction-step-minor, so four steps of one operand
  /// are one `ds_read_b128`; the wavefront's lanes read `addresses` distinct addresses.
  static func emitOperandReads(_ program: inout ProgramBuilder, values: Int, steps: Int, addresses: Int) {
    let wide = steps >= 4
    let perValue = wide ? (steps + 3) / 4 : steps
    for _ in 0..<(values * perValue) {
      program.instructions.append(
        Instruction(wide ? .dsReadB128 : .dsReadB32, lanes: .compute, ldsAddresses: Int16(addresses)))
    }
  }

  /// The output epilogue: activation-derivative mask, bias, activation, stores.
  static func emitOutput(_ program: inout ProgramBuilder, _ spec: GEMMSpec, shape: OutputShape, threads: Int) {
    let outputs = shape.rowsPerThread * shape.columnsPerThread
    if spec.derivative != .identity {
      for row in 0..<shape.rowsPerThread {
        program.emitMemory(
          shape.columnsPerThread == 4 ? .bufferLoadDwordx4 : .bufferLoadDword, lanes: .compute,
          access: shape.access(tensor: spec.maskTensor, row: row, perSlice: false, threads: threads))
      }
      program.emit(.sWaitcnt)
      if spec.derivative == .smooth {
        program.emit(.vAddF32, lanes: .compute, count: 2 * outputs)
      } else {
        program.emit(.vCndmaskB32, lanes: .compute, count: outputs)
      }
    }
    if spec.bias {
      let access = TileAccess(
        tensor: spec.biasTensor, rowOrigin: LinearForm(), columnOrigin: LinearForm(perColumnTile: Int64(shape.tileColumns)),
        rowStride: 0, tileRows: Int64(shape.threadRows), tileColumns: Int64(shape.tileColumns),
        elementsPerLane: Int64(shape.columnsPerThread), threads: Int64(threads), rows: 1, columns: Int64(shape.columns),
        pitch: TileAccess.paddedPitch(shape.columns))
      program.emitMemory(shape.columnsPerThread == 4 ? .bufferLoadDwordx4 : .bufferLoadDword, lanes: .compute, access: access)
      program.emit(.sWaitcnt)
      program.emit(.vAddF32, lanes: .compute, count: outputs)
    }
    switch spec.activation {
    case .identity: break
    case .relu, .relu6: program.emit(.vMaxF32, lanes: .compute, count: outputs * ActivationCost.operations(spec.activation))
    case .smooth: program.emit(.vAddF32, lanes: .compute, count: outputs * ActivationCost.operations(spec.activation))
    }
    emitStores(&program, tensor: spec.outputTensor, shape: shape, perSlice: false, threads: threads)
  }

  /// One store per micro-tile row; with `perSlice` each reduction slice writes its partial
  /// sums to a buffer of its own.
  static func emitStores(_ program: inout ProgramBuilder, tensor: Int, shape: OutputShape, perSlice: Bool, threads: Int) {
    for row in 0..<shape.rowsPerThread {
      program.emitMemory(
        shape.columnsPerThread == 4 ? .bufferStoreDwordx4 : .bufferStoreDword, lanes: .compute,
        access: shape.access(tensor: tensor, row: row, perSlice: perSlice, threads: threads))
    }
  }
}
