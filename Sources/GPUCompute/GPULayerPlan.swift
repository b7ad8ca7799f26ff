/// One trace layer as the GPU runs it: its kernels in launch order.
public struct GPULayerPlan: Equatable, Sendable {
  /// The layer's name.
  public var name: String
  /// The kernels, in launch order; each starts when the previous one has finished.
  public var kernels: [Kernel]
  /// Multiply-accumulates of the layer's products (all passes when training).
  public var macCount: Int
  /// The layer's multiplier.
  public var fpu: LayerFPU
}
