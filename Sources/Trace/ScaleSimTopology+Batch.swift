extension ScaleSimTopology {
  /// `trace` (a SCALE-Sim topology) run on `batch` samples: every convolution processes the
  /// batch; a GEMM's M rows repeat per sample (M × batch), since SCALE-Sim's GEMM topologies
  /// list one sample's product with weights shared across samples.
  /// - Parameter file: the topology's path, for messages.
  /// - Throws: `ScaleSimTopologyError` when a layer would pass the trace limits.
  public static func batched(_ trace: NetworkTrace, batch: Int, file: String) throws(ScaleSimTopologyError) -> NetworkTrace {
    var result = trace
    for index in result.layers.indices {
      switch result.layers[index].operation {
      case .gemm(var shape, let groups):
        let (rows, overflow) = shape.m.multipliedReportingOverflow(by: batch)
        guard !overflow, rows <= TraceLimits.maximumDimension else {
          throw ScaleSimTopologyError(
            file: file, line: 0,
            message: "layer \(result.layers[index].name): M = \(shape.m) × batch \(batch) exceeds \(TraceLimits.maximumDimension)"
          )
        }
        shape.m = rows
        result.layers[index].operation = .gemm(shape, groups: groups)
      case .dense, .conv2d, .pool:
        result.layers[index].batch *= batch
      }
    }
    do {
      try result.validate()
    } catch {
      throw ScaleSimTopologyError(file: file, line: 0, message: "with batch \(batch): \(error.message)")
    }
    return result
  }
}
