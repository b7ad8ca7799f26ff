import SimKernel

/// Writes a `Waveform` as a Value Change Dump (IEEE 1364 §18), the format GTKWave and every
/// HDL simulator read. One VCD time unit is one clock cycle; the header says at which clock.
public enum VCDWriter {
  /// The VCD text of `waveform`.
  public static func render(_ waveform: Waveform, title: String) -> String {
    var out =
      "$comment \(title); one time unit = one clock cycle at \(format(waveform.clockMHz)) MHz, cycles \(waveform.window.lowerBound) to \(waveform.window.upperBound) $end\n"
    out += "$timescale 1ns $end\n"
    var open: [String] = []
    for (index, signal) in waveform.signals.enumerated() {
      var common = 0
      while common < open.count, common < signal.scope.count, open[common] == signal.scope[common] { common += 1 }
      while open.count > common {
        out += "$upscope $end\n"
        open.removeLast()
      }
      for scope in signal.scope.dropFirst(common) {
        out += "$scope module \(scope) $end\n"
        open.append(scope)
      }
      out += "$var wire \(signal.widthBits) \(identifier(index)) \(signal.name) $end\n"
    }
    for _ in open { out += "$upscope $end\n" }
    out += "$enddefinitions $end\n"
    var time: UInt64?
    for change in waveform.changes {
      if change.cycle != time {
        out += "#\(change.cycle)\n"
        time = change.cycle
      }
      out += value(change.value, width: waveform.signals[Int(change.signal)].widthBits) + identifier(Int(change.signal)) + "\n"
    }
    if let end = time.map({ max($0, waveform.window.upperBound) }) { out += "#\(end)\n" }
    return out
  }

  /// The short identifier code of signal `index`: base-94 digits over the printable ASCII
  /// characters `!` to `~`.
  public static func identifier(_ index: Int) -> String {
    var remainder = index
    var code = ""
    repeat {
      code.append(Character(Unicode.Scalar(UInt8(33 + remainder % 94))))
      remainder /= 94
    } while remainder > 0
    return code
  }

  static func value(_ value: Int64, width: Int) -> String {
    if width == 1 { return value & 1 == 1 ? "1" : "0" }
    let masked = width >= 64 ? UInt64(bitPattern: value) : UInt64(bitPattern: value) & ((1 << UInt64(width)) - 1)
    return "b" + String(masked, radix: 2) + " "
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
