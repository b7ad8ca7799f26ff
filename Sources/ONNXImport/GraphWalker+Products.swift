import Trace

extension GraphWalker {
  /// Gemm: Y = op(A)·op(B) (+ C).
  ///
  /// With a constant B (the weights) it is a dense layer whose
  /// batch is M; otherwise a bare GEMM.
  mutating func gemm() throws(ONNXImportError) {
    let a = try input(0)
    let b = try input(1)
    guard a.shape.count == 2, b.shape.count == 2 else {
      throw fail("Gemm multiplies matrices; the inputs have shapes \(a.shape) and \(b.shape)")
    }
    let transposeA = try int("transA", default: 0) != 0
    let transposeB = try int("transB", default: 0) != 0
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    guard k == k2 else {
      throw fail("the inner dimensions disagree: A is \(m)x\(k) and B is \(k2)x\(n) (transA \(transposeA), transB \(transposeB))")
    }
    var outputAxis: Int?
    var inner = 1
    if let axis = a.batchAxis {
      if axis == (transposeA ? 1 : 0) { (outputAxis, inner) = (0, a.batchInner) } else { loseBatch("sums over the batch axis") }
    }
    if let axis = b.batchAxis {
      if axis != (transposeB ? 0 : 1) {
        loseBatch("sums over the batch axis")
      } else if outputAxis == nil {
        (outputAxis, inner) = (1, b.batchInner)
      }
    }
    let operation: LayerOperation
    let field: BatchField
    if b.isConstant, !a.isConstant {
      operation = .dense(inputs: k, outputs: n)
      field = outputAxis == 0 ? .batch : .none
    } else {
      operation = .gemm(GEMMShape(m: m, n: n, k: k))
      field = outputAxis == 0 ? .m : outputAxis == 1 ? .n : .none
    }
    try addProduct(
      operation, batch: b.isConstant && !a.isConstant ? m : 1, a: a, b: b, field: field, shape: [m, n], outputAxis: outputAxis,
      inner: inner)
  }

  /// MatMul, numpy semantics: batch dimensions broadcast, a 1-D operand is a row (A) or a
  /// column (B).
  ///
  /// Activation × weights is one GEMM with M = every leading row (a dense layer
  /// when A is a matrix); activation × activation is a batched GEMM of one product per
  /// broadcast batch element (attention's Q·Kᵀ and weights·V).
  mutating func matMul() throws(ONNXImportError) {
    let a = try input(0)
    let b = try input(1)
    guard !a.shape.isEmpty, !b.shape.isEmpty else {
      throw fail("MatMul needs operands of rank ≥ 1; found \(a.shape) and \(b.shape)")
    }
    let aIsVector = a.shape.count == 1
    let bIsVector = b.shape.count == 1
    let left = aIsVector ? [1] + a.shape : a.shape
    let right = bIsVector ? b.shape + [1] : b.shape
    let leftAxis = a.batchAxis.map { aIsVector ? $0 + 1 : $0 }
    let (m, k) = (left[left.count - 2], left[left.count - 1])
    let (k2, n) = (right[right.count - 2], right[right.count - 1])
    guard k == k2 else { throw fail("the inner dimensions disagree: \(a.shape) × \(b.shape)") }
    let leftBatch = Array(left.dropLast(2))
    let rightBatch = Array(right.dropLast(2))
    guard let batchDims = ShapeMath.broadcast(leftBatch, rightBatch) else {
      throw fail("the batch dimensions \(leftBatch) and \(rightBatch) do not broadcast")
    }
    let rank = batchDims.count
    var outputAxis: Int?
    var field = BatchField.none
    var inner = a.batchInner
    if let axis = leftAxis {
      if axis == left.count - 1 {
        loseBatch("sums over the batch axis")
      } else if axis == left.count - 2 {
        (outputAxis, field) = (rank, .m)
      } else {
        (outputAxis, field) = (axis + rank - leftBatch.count, .groups)
      }
    }
    if let axis = b.batchAxis, outputAxis == nil {
      inner = b.batchInner
      if bIsVector || axis == right.count - 2 {
        loseBatch("sums over the batch axis")
      } else if axis == right.count - 1 {
        (outputAxis, field) = (rank + 1, .n)
      } else {
        (outputAxis, field) = (axis + rank - rightBatch.count, .groups)
      }
    }
    var shape = batchDims
    if !aIsVector { shape.append(m) }
    if !bIsVector { shape.append(n) }
    // The batch axis moves left by one when A's row dimension is dropped.
    if let axis = outputAxis, aIsVector, axis > rank { outputAxis = axis - 1 }
    guard let groups = ShapeMath.product(batchDims) else {
      throw fail("the batch dimensions \(batchDims) hold too many products")
    }
    if b.isConstant, !a.isConstant, rightBatch.isEmpty {
      // Weights shared by every row: one product whose rows are all of A's leading rows.
      guard let rows = ShapeMath.product(left.dropLast()) else { throw fail("A \(a.shape) has too many rows") }
      if left.count == 2 {
        try addProduct(
          .dense(inputs: k, outputs: n), batch: rows, a: a, b: b, field: field == .m ? .batch : field, shape: shape,
          outputAxis: outputAxis, inner: inner)
      } else {
        try addProduct(
          .gemm(GEMMShape(m: rows, n: n, k: k)), batch: 1, a: a, b: b, field: field == .none ? .none : .m, shape: shape,
          outputAxis: outputAxis, inner: inner)
      }
      return
    }
    try addProduct(
      .gemm(GEMMShape(m: m, n: n, k: k), groups: groups), batch: 1, a: a, b: b, field: field, shape: shape,
      outputAxis: outputAxis, inner: inner)
  }

  /// Adds a product layer (unless both operands are constants, a product folded away before
  /// the model runs) and sets the output.
  private mutating func addProduct(
    _ operation: LayerOperation, batch: Int, a: ValueState, b: ValueState, field: BatchField, shape: [Int], outputAxis: Int?,
    inner: Int
  ) throws(ONNXImportError) {
    if a.isConstant, b.isConstant {
      try setOutput(0, .constant(shape: shape, values: nil))
      return
    }
    let weight = b.isConstant ? node.input(1) : a.isConstant ? node.input(0) : nil
    let source = a.isConstant ? b.source : b.isConstant ? a.source : nil
    let index = addLayer(
      TraceLayer(name: "", operation: operation, batch: batch), weight: weight, inputSource: source, batchField: field)
    try setOutput(
      0,
      ValueState(
        shape: shape, batchAxis: outputAxis, constant: nil, isConstant: false, source: index, fusable: index,
        batchInner: inner))
  }
}
