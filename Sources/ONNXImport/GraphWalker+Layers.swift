import Trace

extension GraphWalker {
  /// Conv: a conv2d layer.
  ///
  /// X is NCHW, W is [filters, channels / group, kh, kw].
  mutating func convolution() throws(ONNXImportError) {
    let x = try input(0)
    let w = try input(1)
    guard x.shape.count == 4 else {
      throw fail("only 2-D convolutions are supported (an NCHW input); this input has shape \(x.shape)")
    }
    guard w.shape.count == 4 else { throw fail("the weight has shape \(w.shape); expected [filters, channels/group, kh, kw]") }
    let (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (filters, channelsPerGroup, kernelHeight, kernelWidth) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
    guard w.shape.allSatisfy({ (1...TraceLimits.maximumDimension).contains($0) }) else {
      throw fail("the weight has shape \(w.shape); expected dimensions in 1...\(TraceLimits.maximumDimension)")
    }
    let group = Int(try int("group", default: 1))
    guard group >= 1, channels % group == 0, filters % group == 0, channelsPerGroup * group == channels else {
      throw fail(
        "group \(group) does not fit \(channels) input channels, \(filters) filters and a weight of \(channelsPerGroup) channels per group; expected channels = group × \(channelsPerGroup) and filters divisible by group"
      )
    }
    if let declared = try ints("kernel_shape"), declared != [Int64(kernelHeight), Int64(kernelWidth)] {
      throw fail("kernel_shape \(declared) disagrees with the weight's \(kernelHeight)x\(kernelWidth)")
    }
    let strides = try sizes(try ints("strides") ?? [1, 1], "strides", count: 2, in: 1...(1 << 24))
    let dilations = try sizes(try ints("dilations") ?? [1, 1], "dilations", count: 2, in: 1...(1 << 24))
    let extents = [(kernelHeight - 1) * dilations[0] + 1, (kernelWidth - 1) * dilations[1] + 1]
    let pads = try padding(spatial: [height, width], extents: extents, strides: strides)
    let shape = ConvolutionShape(
      input: TensorShape(channels: channels, height: height, width: width), kernelHeight: kernelHeight,
      kernelWidth: kernelWidth, filters: filters, strideY: strides[0], strideX: strides[1], paddingY: pads[0],
      paddingX: pads[1], paddingBottom: pads[2], paddingRight: pads[3], dilationY: dilations[0], dilationX: dilations[1],
      groups: group)
    guard let output = shape.output else {
      throw fail(
        "the \(kernelHeight)x\(kernelWidth) kernel (dilation \(dilations)) does not fit the \(height)x\(width) input padded by \(pads)"
      )
    }
    let field = try batchField(of: x, convolving: "convolves")
    let index = addLayer(
      TraceLayer(name: "", operation: .conv2d(shape), batch: batch), weight: node.input(1), inputSource: x.source,
      batchField: field)
    try setOutput(
      0,
      ValueState(
        shape: [batch, filters, output.height, output.width], batchAxis: x.batchAxis, constant: nil, isConstant: false,
        source: index, fusable: index, batchInner: x.batchInner))
  }

  /// MaxPool, AveragePool: a pool layer over an NCHW input.
  mutating func pool(_ kind: PoolShape.Kind) throws(ONNXImportError) {
    let x = try input(0)
    guard x.shape.count == 4 else { throw fail("only 2-D pooling is supported (an NCHW input); this input has shape \(x.shape)") }
    guard let kernel = try ints("kernel_shape") else { throw fail("attribute kernel_shape is missing; expected [kh, kw]") }
    let window = try sizes(kernel, "kernel_shape", count: 2, in: 1...(1 << 24))
    let strides = try sizes(try ints("strides") ?? [1, 1], "strides", count: 2, in: 1...(1 << 24))
    if let dilations = try ints("dilations"), dilations.contains(where: { $0 != 1 }) {
      throw fail("dilated pooling (dilations \(dilations)) is not supported; expected dilations [1, 1]")
    }
    let pads = try padding(spatial: [x.shape[2], x.shape[3]], extents: window, strides: strides)
    let shape = PoolShape(
      kind: kind, input: TensorShape(channels: x.shape[1], height: x.shape[2], width: x.shape[3]), size: window[0],
      sizeX: window[1], stride: strides[0], strideX: strides[1], paddingTop: pads[0], paddingLeft: pads[1],
      paddingBottom: pads[2], paddingRight: pads[3], ceilMode: try int("ceil_mode", default: 0) != 0)
    guard let output = shape.output else {
      throw fail("the \(window[0])x\(window[1]) window does not fit the \(x.shape[2])x\(x.shape[3]) input padded by \(pads)")
    }
    try addPool(shape, from: x, output: [x.shape[0], x.shape[1], output.height, output.width])
  }

  /// GlobalAveragePool, GlobalMaxPool (and ReduceMean/ReduceMax over H and W): one window
  /// covering each whole feature map.
  mutating func globalPool(_ kind: PoolShape.Kind, keepDimensions: Bool = true) throws(ONNXImportError) {
    let x = try input(0)
    guard x.shape.count == 4, x.shape[2] >= 1, x.shape[3] >= 1 else {
      throw fail("only 2-D global pooling is supported (an NCHW input); this input has shape \(x.shape)")
    }
    let shape = PoolShape(
      kind: kind, input: TensorShape(channels: x.shape[1], height: x.shape[2], width: x.shape[3]), size: x.shape[2],
      sizeX: x.shape[3], stride: 1, strideX: 1)
    try addPool(shape, from: x, output: keepDimensions ? [x.shape[0], x.shape[1], 1, 1] : [x.shape[0], x.shape[1]])
  }

  private mutating func addPool(_ shape: PoolShape, from x: ValueState, output: [Int]) throws(ONNXImportError) {
    let field = try batchField(of: x, convolving: "pools")
    let index = addLayer(
      TraceLayer(name: "", operation: .pool(shape), batch: x.shape[0]), weight: nil, inputSource: x.source, batchField: field)
    let state = ValueState(
      shape: output, batchAxis: x.batchAxis, constant: nil, isConstant: false, source: index, fusable: nil,
      batchInner: x.batchInner)
    try setOutput(0, state)
    try setOutput(1, state)
  }

  /// How a layer over an NCHW value carries the batch: in N, or not at all.
  private mutating func batchField(of x: ValueState, convolving verb: String) throws(ONNXImportError) -> BatchField {
    switch x.batchAxis {
    case nil: return .none
    case 0?: return .batch
    default:
      loseBatch("\(verb) over the axis that carries the batch")
      return .none
    }
  }

  /// The padding [top, left, bottom, right] from `pads` or `auto_pad` (ONNX Conv/pool rules:
  /// SAME_UPPER puts the odd padding at the end, SAME_LOWER at the start).
  func padding(spatial: [Int], extents: [Int], strides: [Int]) throws(ONNXImportError) -> [Int] {
    let mode = try string("auto_pad") ?? "NOTSET"
    switch mode {
    case "NOTSET", "":
      return try sizes(try ints("pads") ?? [0, 0, 0, 0], "pads", count: 4, in: 0...(1 << 24))
    case "VALID":
      return [0, 0, 0, 0]
    case "SAME_UPPER", "SAME_LOWER":
      var begin: [Int] = []
      var end: [Int] = []
      for axis in 0..<2 {
        let outputs = (spatial[axis] + strides[axis] - 1) / strides[axis]
        let total = max(0, (outputs - 1) * strides[axis] + extents[axis] - spatial[axis])
        let (small, large) = (total / 2, total - total / 2)
        begin.append(mode == "SAME_UPPER" ? small : large)
        end.append(mode == "SAME_UPPER" ? large : small)
      }
      return begin + end
    default:
      throw fail("auto_pad \"\(mode)\" is not an ONNX padding mode; expected NOTSET, SAME_UPPER, SAME_LOWER or VALID")
    }
  }
}
