import NeuralEngine
import Trace

/// Parses the arithmetic `axsim nn` trains or evaluates under, one setting or several joined
/// with `+`:
///
/// | text | meaning |
/// |---|---|
/// | `float` | IEEE binary32 products |
/// | `fixed:8` / `fixed:8x6` | dynamic fixed point, 8-bit inputs and weights (or 8-bit inputs, 6-bit weights) |
/// | `drum:6` | DRUM-6 on 16-bit fixed-point words |
/// | `canna:3` | CANNA's multiplier with 3 tuning bits |
/// | `mantissa:16` | FramNN's multiplier keeping 16 significand bits |
/// | `ntv:0.66` | weights in SRAM at 0.66 V (persistent flips in evaluation, per-read in training) |
enum ArithmeticSpecification {
  static func parse(_ text: String, training: Bool) throws(AxSimError) -> LayerArithmetic {
    var arithmetic = LayerArithmetic.exact
    for part in text.lowercased().split(separator: "+") {
      let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
      let value = pieces.count == 2 ? pieces[1] : ""
      func integer(_ range: ClosedRange<Int>) throws(AxSimError) -> Int {
        guard let number = Int(value), range.contains(number) else {
          throw .usage("axsim nn: \"\(part)\" expects an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
      }
      switch pieces[0] {
      case "float", "exact":
        continue
      case "fixed":
        let bits = value.split(separator: "x").map { Int($0) }
        guard (1...2).contains(bits.count), bits.allSatisfy({ (1...16).contains($0 ?? 0) }) else {
          throw .usage("axsim nn: \"\(part)\" expects fixed:BITS or fixed:INPUTxWEIGHT with 1...16 bits each")
        }
        let input = bits[0] ?? 16
        arithmetic.precision = LayerPrecision(inputBits: input, weightBits: bits.count == 2 ? bits[1] ?? input : input)
      case "drum": arithmetic.multiplier = .drum(k: try integer(3...16))
      case "canna": arithmetic.multiplier = .canna(tuningBits: try integer(0...22))
      case "mantissa": arithmetic.multiplier = .mantissa(bits: try integer(1...24))
      case "ntv":
        guard let volts = Double(value), (0.3...1.5).contains(volts) else {
          throw .usage("axsim nn: \"\(part)\" expects a supply in volts, 0.3...1.5, such as ntv:0.66")
        }
        arithmetic.weightStorage = WeightStorage(volts: volts, mode: training ? .perAccess : .persistent)
      default:
        throw .usage("axsim nn: unknown arithmetic \"\(part)\"; expected float, fixed:B, drum:K, canna:N, mantissa:M or ntv:V, joined with +")
      }
    }
    return arithmetic
  }
}
