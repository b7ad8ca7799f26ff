import SimKernel

/// Writes a `Waveform` as a Value Change Dump (IEEE 1364 §18), the format GTKWave and every
/// HDL simulator read. Times are real time at the modelled clock, so a waveform viewer's time
/// axis reads in ns: cycle c is at c × the clock period, in the coarsest timescale that holds
/// the period exactly (1 ns at 1 GHz, 10 ps at 800 MHz, 1 fs rounded for 925 MHz).
public enum VCDWriter {
  /// The VCD text of `waveform`.
  public static func render(_ waveform: Waveform, title: String) -> String {
    let (timescale, unitsPerCycle) = timescale(clockMHz: waveform.clockMHz)
    func stamp(_ cycle: UInt64) -> UInt64 { UInt64((Double(cycle) * unitsPerCycle).rounded()) }
    var out =
      "$comment \(title); clock \(format(waveform.clockMHz)) MHz, one cycle = \(format(unitsPerCycle)) x \(timescale), cycles \(waveform.window.lowerBound) to \(waveform.window.upperBound) $end\n"
    out += "$timescale \(timescale) $end\n"
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
        out += "#\(stamp(change.cycle))\n"
        time = change.cycle
      }
      out += value(change.value, width: waveform.signals[Int(change.signal)].widthBits) + identifier(Int(change.signal)) + "\n"
    }
    if let end = time.map({ max($0, waveform.window.upperBound) }) { out += "#\(stamp(end))\n" }
    return out
  }

  /// The coarsest VCD timescale (1 ns down to 1 fs, in the steps of 10 the format allows) in
  /// which one clock period is a whole number of units, and that number; 1 fs and the period
  /// rounded when none holds it exactly.
  public static func timescale(clockMHz: Double) -> (timescale: String, unitsPerCycle: Double) {
    let periodFS = 1e9 / clockMHz
    for (name, unitFS) in [("1ns", 1e6), ("100ps", 1e5), ("10ps", 1e4), ("1ps", 1e3), ("100fs", 100.0), ("10fs", 10.0)] {
      let units = periodFS / unitFS
      if units >= 1, abs(units - units.rounded()) <= 1e-9 * units { return (name, units.rounded()) }
    }
    return ("1fs", periodFS.rounded())
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
