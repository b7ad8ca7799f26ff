/// A matrix product C[M×N] = A[M×K] · B[K×N] to build kernels for, with its buffers, the
/// operand CANNA tests, and the output epilogue.
public struct GEMMSpec: Equatable, Sendable {
  /// Which kernel of the layer the product is.
  public var role: KernelRole
  /// Rows of C.
  public var m: Int
  /// Columns of C.
  public var n: Int
  /// The reduction length.
  public var k: Int
  /// The left operand.
  public var a: GEMMOperand
  /// The right operand.
  public var b: GEMMOperand
  /// Whether CANNA tests A's element (else B's).
  public var testsA: Bool
  /// The multiplier of the product's multiplies.
  public var fpu: LayerFPU
  /// The buffer C goes to.
  public var outputTensor: Int = 3
  /// The buffer of split-K partial sums (one per slice from here up).
  public var workspaceTensor: Int = 16
  /// The bias buffer.
  public var biasTensor: Int = 4
  /// The buffer of the activations whose derivative masks C.
  public var maskTensor: Int = 5
  /// Whether a bias is added to C.
  public var bias: Bool = false
  /// The activation applied to C.
  public var activation: ActivationKind = .identity
  /// The activation whose derivative multiplies C element-wise (backward data).
  public var derivative: ActivationKind = .identity
  /// Independent products of this shape, each on its own A, B and C (a grouped convolution's
  /// groups, a batched GEMM's count); one kernel's grid covers them all.
  public var groups: Int = 1

  /// A product.
  public init(role: KernelRole, m: Int, n: Int, k: Int, a: GEMMOperand, b: GEMMOperand, testsA: Bool, fpu: LayerFPU) {
    self.role = role
    self.m = m
    self.n = n
    self.k = k
    self.a = a
    self.b = b
    self.testsA = testsA
    self.fpu = fpu
  }
}

/// One operand of a GEMM: its buffer, its storage and its identity for CANNA's draws.
public struct GEMMOperand: Equatable, Sendable {
  /// The buffer.
  public var tensor: Int
  /// Whether the buffer holds the operand transposed (the GEMM reads Xᵀ or Wᵀ).
  public var storedTransposed: Bool
  /// The tensor's identity (layer and role), shared by every pass that reads it.
  public var salt: UInt64

  /// An operand.
  public init(tensor: Int, storedTransposed: Bool = false, salt: UInt64) {
    self.tensor = tensor
    self.storedTransposed = storedTransposed
    self.salt = salt
  }
}
