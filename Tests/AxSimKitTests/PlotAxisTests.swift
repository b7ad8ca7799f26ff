import Foundation
import Testing

@testable import AxSimKit

/// Axes: SI prefixes for a magnitude, ticks at swept values and decades, label thinning, and
/// the note a zoomed axis carries.
struct PlotAxisTests {
  @Test(arguments: [
    (1.76e6, "µJ", 1e6), (8.71e9, "mJ", 1e9), (1e10, "mJ", 1e9), (999.0, "pJ", 1.0), (0.3, "fJ", 1e-3), (2.5e14, "J", 1e12),
    (5e27, "TJ", 1e24),
  ])
  func energyPrefixSuitsTheMagnitude(picojoules: Double, symbol: String, divisor: Double) {
    let scale = AxisUnit.picojoules.scale(forMagnitude: picojoules)
    #expect(scale.symbol == symbol)
    #expect(abs(scale.divisor / divisor - 1) < 1e-12, "\(scale.divisor)")
    // One to three digits before the point (within the prefix table's range).
    let scaled = picojoules / scale.divisor
    if symbol != "TJ" { #expect(scaled >= 1 && scaled < 1000, "\(scaled)") }
  }

  @Test func powersTimesAndCountsTakeTheirOwnPrefixes() {
    #expect(AxisUnit.milliwatts.scale(forMagnitude: 555).symbol == "mW")
    #expect(AxisUnit.milliwatts.scale(forMagnitude: 1500).symbol == "W")
    #expect(AxisUnit.milliwatts.scale(forMagnitude: 0.02).symbol == "µW")
    // Seconds are the largest time unit: no "ks".
    #expect(AxisUnit.nanoseconds.scale(forMagnitude: 5e12).symbol == "s")
    #expect(AxisUnit.nanoseconds.scale(forMagnitude: 15_700).symbol == "µs")
    #expect(AxisUnit.count.format(15_681_402) == "15.7M")
    #expect(AxisUnit.count.format(999) == "999")
  }

  @Test func formattingRoundsBeforeChoosingThePrefix() {
    #expect(AxisUnit.picojoules.format(8.7126e9) == "8.71 mJ")
    #expect(AxisUnit.picojoules.format(999_700) == "1 µJ")
    #expect(AxisUnit.picojoules.format(1e9, keepZeros: true) == "1.00 mJ")
    #expect(AxisUnit.milliwatts.format(555.4) == "555 mW")
    #expect(AxisUnit.percent.format(18.34) == "18.3 %")
    #expect(AxisUnit.plain.format(-0.0001, digits: 2) == "-0.0001")
    #expect(AxisUnit.plain.format(0) == "0")
  }

  @Test func linearAxisPutsThePrefixInTheTitleAndNumbersOnTicks() {
    let axis = ValueAxis.fromZero(maximum: 3.3e8, quantity: "energy per layer", unit: .picojoules)
    #expect(axis.title == "energy per layer (µJ)")
    // 330 µJ over about five intervals: a step of 50 µJ (6.6 intervals) beats 100 µJ (3.3).
    #expect(axis.ticks.map(\.label) == ["0", "50", "100", "150", "200", "250", "300", "350"])
    #expect(axis.low == 0 && axis.high >= 3.3e8)
    #expect(axis.startNote == nil)
  }

  @Test func logarithmicAxisLabelsEachDecadeWithItsOwnPrefix() {
    let axis = ValueAxis.fitted([1.67e6, 2.97e7, 1.37e10], quantity: "energy", unit: .picojoules, zeroBased: true)
    #expect(axis.logarithmic)
    #expect(axis.title == "energy (log scale)")
    #expect(axis.ticks.map(\.label) == ["1 µJ", "10 µJ", "100 µJ", "1 mJ", "10 mJ"])
    #expect(axis.low <= 1.67e6 && axis.high >= 1.37e10)
  }

  @Test func shortLogarithmicRangeGetsTwoAndFiveBetweenDecades() {
    #expect(AxisTicks.logarithmic(1, 200) == [1, 2, 5, 10, 20, 50, 100, 200])
    #expect(AxisTicks.logarithmic(1e6, 2e10) == [1e6, 1e7, 1e8, 1e9, 1e10])
  }

  @Test func zoomedAxisSaysWhereItStarts() {
    let axis = ValueAxis.fitted([96.2, 96.5, 97.4], quantity: "accuracy", unit: .percent, zeroBased: false)
    #expect(axis.low > 90 && axis.low <= 96.2)
    let note = try? #require(axis.startNote)
    #expect(note?.hasPrefix("axis starts at 96") == true && note?.hasSuffix(", not 0") == true, "\(note ?? "")")
    // An axis kept from zero needs no note.
    let fromZero = ValueAxis.fitted([96.2, 97.4], quantity: "accuracy", unit: .percent, zeroBased: true)
    #expect(fromZero.low == 0 && fromZero.high == 100 && fromZero.startNote == nil)
  }

  @Test(arguments: [8.0, 0.5])
  func sweptGeometricValuesGetALogAxisWithTicksAtEachValue(first: Double) {
    let values = (0..<6).map { first * pow(2, Double($0)) }
    let chart = LineChart(
      title: "t", xQuantity: "side", yQuantity: "energy", yUnit: .picojoules,
      series: [.init(label: "a", points: values.map { .init(x: $0, y: 1e6 + $0, xLabel: AxisUnit.plain.format($0)) })])
    let (axis, ticks, labels) = chart.horizontal(values)
    #expect(axis.logarithmic)
    #expect(ticks == values)
    #expect(labels == values.map { AxisUnit.plain.format($0) })
    // Equal ratios land at equal spacing.
    let frame = PlotFrame(left: 0, top: 0, width: 700, height: 100, inset: 20)
    let positions = ticks.map { frame.x($0, on: axis) }
    let gaps = zip(positions, positions.dropFirst()).map { $1 - $0 }
    #expect(gaps.allSatisfy { abs($0 - gaps[0]) < 1e-9 })
    #expect(abs(positions[0] - 20) < 1e-9 && abs(positions[5] - 680) < 1e-9)
  }

  @Test func arithmeticSweptValuesStayLinearWithATickAtEach() {
    let values = [3.0, 4, 5, 6, 7, 8]
    let chart = LineChart(
      title: "t", xQuantity: "k", yQuantity: "energy",
      series: [.init(label: "a", points: values.map { .init(x: $0, y: 1, xLabel: AxisUnit.plain.format($0)) })])
    let (axis, ticks, labels) = chart.horizontal(values)
    #expect(!axis.logarithmic)
    #expect(ticks == values && labels == ["3", "4", "5", "6", "7", "8"])
  }

  @Test func thinningKeepsAtMostNLabelsAndAlwaysTheEnds() {
    for count in 1...120 {
      for maxLabels in 2...30 {
        let shown = AxisTicks.thinned(count: count, maxLabels: maxLabels)
        #expect(shown.count <= maxLabels, "count \(count), max \(maxLabels): \(shown)")
        #expect(shown.first == 0 && shown.last == count - 1, "count \(count), max \(maxLabels): \(shown)")
        #expect(shown == shown.sorted() && Set(shown).count == shown.count)
        if count <= maxLabels { #expect(shown.count == count) }
        // No two shown labels closer than the stride the limit requires.
        if count > maxLabels {
          let gaps = zip(shown, shown.dropFirst()).map { $1 - $0 }
          #expect((gaps.min() ?? 0) >= (count - 1) / (maxLabels - 1), "count \(count), max \(maxLabels): \(shown)")
        }
      }
    }
  }

  @Test func crowdedLayerLabelsTurnUprightThenThin() {
    let resnet = (1...54).map { "IB\($0)c_3" }
    let upright = AxisLabelLayout.choose(resnet, spacing: 18)
    #expect(upright.orientation == .upright && upright.shown.count == 54)
    let crowded = AxisLabelLayout.choose(resnet, spacing: 6)
    #expect(crowded.orientation == .upright)
    #expect(crowded.shown.count < 54 && crowded.shown.first == 0 && crowded.shown.last == 53)
    // Neighbouring shown labels are at least a line height (11 px × 1.25) apart.
    #expect(zip(crowded.shown, crowded.shown.dropFirst()).allSatisfy { Double($1 - $0) * 6 >= 11 * 1.25 - 1e-9 })
    let few = AxisLabelLayout.choose(["conv1", "pool1", "fc3"], spacing: 100)
    #expect(few.orientation == .level && few.shown == [0, 1, 2])
  }
}
