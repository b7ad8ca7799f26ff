import Trace

/// Parses data files into data sets: the bundled scikit-learn CSVs, plain CSVs of features then
/// a label, and the IDX files MNIST ships in. The caller reads the bytes (AxSimKit does the
/// file I/O); every problem names the file and what was expected.
public enum DatasetParser {
  /// The bundled data sets (Sources/AxSimKit/Datasets/README.md gives their sources).
  public enum Bundled: String, CaseIterable, Sendable {
    /// Handwritten digits, 8×8 pixels, 10 classes.
    case digits
    /// Wisconsin diagnostic breast cancer, 30 features, 2 classes.
    case breastCancer = "breast_cancer"
    /// Fisher's iris, 4 features, 3 classes.
    case iris
    /// Wine recognition, 13 features, 3 classes.
    case wine
    /// Johns Hopkins ionosphere radar returns, 34 features, 2 classes (AxTrain's Table 1).
    case ionosphere
    /// UCI image segmentation, 3×3 outdoor-image regions, 19 features, 7 classes (AxTrain's
    /// "Image seg").
    case segment
    /// Statlog Landsat satellite image, 36 features (4 bands × 3×3 pixels), 7 class labels of
    /// which label 5 has no samples (AxTrain's "Satimage").
    case satimage
    /// 5,000 MNIST digits (500 per class), 28×28 pixels, 10 classes.
    case mnist5k

    /// The CSV file's name.
    public var fileName: String { self == .wine ? "wine_data.csv" : rawValue + ".csv" }

    /// The shape of one sample.
    public var sampleShape: TensorShape {
      switch self {
      case .digits: return TensorShape(channels: 1, height: 8, width: 8)
      case .breastCancer: return .vector(30)
      case .iris: return .vector(4)
      case .wine: return .vector(13)
      case .ionosphere: return .vector(34)
      case .segment: return .vector(19)
      case .satimage: return .vector(36)
      case .mnist5k: return TensorShape(channels: 1, height: 28, width: 28)
      }
    }

    /// How its features are normalised: pixels by the largest value (zeros stay zeros),
    /// measurements by z-score.
    public var normalization: DatasetSplit.Normalization {
      self == .digits || self == .mnist5k ? .unitRange : .standardScore
    }
  }

  /// A bundled data set from its CSV text.
  public static func bundled(_ which: Bundled, csv text: String) throws(NeuralEngineError) -> Dataset {
    var rows = try numericRows(text, file: which.fileName, skippingHeader: which != .digits)
    guard !rows.isEmpty else { throw .invalidData(file: which.fileName, message: "no samples") }
    let features = which.sampleShape.elementCount
    rows = rows.filter { !$0.isEmpty }
    for (index, row) in rows.enumerated() where row.count != features + 1 {
      throw .invalidData(file: which.fileName, message: "row \(index + 1): expected \(features + 1) values, found \(row.count)")
    }
    return try dataset(rows: rows, name: which.rawValue, file: which.fileName, shape: which.sampleShape)
  }

  /// A data set from a CSV of numbers, one sample per row: its features, then an integer label
  /// (0-based). A first row that is not all numbers is taken as a header and skipped.
  public static func csv(_ text: String, file: String, shape: TensorShape? = nil) throws(NeuralEngineError) -> Dataset {
    let rows = try numericRows(text, file: file, skippingHeader: true)
    guard let first = rows.first, first.count >= 2 else {
      throw .invalidData(file: file, message: "expected rows of at least one feature and a label")
    }
    for (index, row) in rows.enumerated() where row.count != first.count {
      throw .invalidData(
        file: file, message: "row \(index + 1): expected \(first.count) values like the first row, found \(row.count)")
    }
    let sampleShape = shape ?? .vector(first.count - 1)
    guard sampleShape.elementCount == first.count - 1 else {
      throw .invalidData(
        file: file, message: "shape \(sampleShape) needs \(sampleShape.elementCount) features, rows have \(first.count - 1)")
    }
    let name = file.split(separator: "/").last.map(String.init) ?? file
    return try dataset(rows: rows, name: name, file: file, shape: sampleShape)
  }

  /// A data set from MNIST-style IDX files: an unsigned-byte image file (magic 0x00000803,
  /// dimensions count × height × width) and a label file (magic 0x00000801). Pixels become
  /// floats in 0...255.
  public static func idx(images: [UInt8], labels: [UInt8], file: String) throws(NeuralEngineError) -> Dataset {
    func header(_ bytes: [UInt8], magic: UInt32, dimensions: Int, what: String) throws(NeuralEngineError) -> [Int] {
      guard bytes.count >= 4 + 4 * dimensions else { throw .invalidData(file: file, message: "\(what): truncated IDX header") }
      let found = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
      guard found == magic else {
        throw .invalidData(
          file: file, message: "\(what): IDX magic \(String(found, radix: 16)), expected \(String(magic, radix: 16))")
      }
      return (0..<dimensions).map { dimension in
        bytes[(4 + 4 * dimension)..<(8 + 4 * dimension)].reduce(0) { $0 << 8 | Int($1) }
      }
    }
    let imageDimensions = try header(images, magic: 0x0803, dimensions: 3, what: "images")
    let labelDimensions = try header(labels, magic: 0x0801, dimensions: 1, what: "labels")
    let (count, height, width) = (imageDimensions[0], imageDimensions[1], imageDimensions[2])
    guard count == labelDimensions[0] else {
      throw .invalidData(file: file, message: "\(count) images but \(labelDimensions[0]) labels")
    }
    guard height > 0, width > 0, height <= 4096, width <= 4096, count <= 10_000_000,
      images.count == 16 + count * height * width, labels.count == 8 + count
    else { throw .invalidData(file: file, message: "IDX sizes do not match the header") }
    let features = Matrix(rows: count, columns: height * width, values: images[16...].map { Float($0) })
    let classLabels = labels[8...].map { Int($0) }
    return try Dataset(
      name: file.split(separator: "/").last.map(String.init) ?? file, features: features, labels: classLabels,
      classes: (classLabels.max() ?? 1) + 1, sampleShape: TensorShape(channels: 1, height: height, width: width))
  }

  static func numericRows(_ text: String, file: String, skippingHeader: Bool) throws(NeuralEngineError) -> [[Double]] {
    var rows: [[Double]] = []
    for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters() }
      if fields.allSatisfy(\.isEmpty) { continue }
      let numbers = fields.map { Double($0) }
      if numbers.contains(where: { $0 == nil }) {
        if index == 0, skippingHeader { continue }
        throw .invalidData(file: file, message: "line \(index + 1): a field is not a number")
      }
      let values = numbers.compactMap { $0 }
      guard values.allSatisfy(\.isFinite) else {
        throw .invalidData(file: file, message: "line \(index + 1): a value is not finite")
      }
      rows.append(values)
    }
    return rows
  }

  static func dataset(rows: [[Double]], name: String, file: String, shape: TensorShape) throws(NeuralEngineError) -> Dataset {
    var features: [Float] = []
    features.reserveCapacity(rows.count * shape.elementCount)
    var labels: [Int] = []
    for (index, row) in rows.enumerated() {
      guard let last = row.last, last == last.rounded(), last >= 0, last < 100_000 else {
        throw .invalidData(file: file, message: "row \(index + 1): the label must be a non-negative integer")
      }
      labels.append(Int(last))
      features += row.dropLast().map { Float($0) }
    }
    return try Dataset(
      name: name, features: Matrix(rows: rows.count, columns: shape.elementCount, values: features), labels: labels,
      classes: max(2, (labels.max() ?? 1) + 1), sampleShape: shape)
  }
}

extension Substring {
  func trimmingCharacters() -> String {
    var slice = self
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}
