import Foundation
import NeuralEngine
import TestSupport
import Testing

@testable import AxSimKit

/// The charts as documents: well-formed, deterministic, accessible, and carrying what the
/// data carry (error bars for means, every layer's label, a legend that admits overlaps).
@Suite(.serialized) struct ChartTests {
  let directory: String = {
    let path = NSTemporaryDirectory() + "axsim-charts-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  /// How many times `needle` occurs in `text`.
  func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  /// A sweep table over a chart key and a seed, as `axsim sweep` writes it.
  func seededTable() -> SweepTable {
    var rows: [[String]] = []
    for (bits, energies) in [("2", [10.0, 12, 14]), ("4", [20.0, 20, 20])] {
      for (seed, energy) in energies.enumerated() {
        rows.append(
          [
            String(rows.count), "6", String(seed + 1), bits, "gpu", "mlp", "100", "0", "50", "0.5", String(energy * 1e6), "1",
            "1",
          ])
      }
    }
    return SweepTable(
      header: ["point", "point_count", "gpu.seed", "gpu.cannaTuningBits"] + SweepTable.figureColumns, rows: rows)
  }

  @Test func seedsAreAveragedIntoOnePointWithAnErrorBar() throws {
    let svg = try SweepChart.svg(seededTable(), metric: "energy_pj", chartKey: "gpu.cannaTuningBits", title: "seeds")
    #expect(XMLCheck.isWellFormed(svg))
    #expect(svg.contains("mean over 3 values of gpu.seed; error bars: ± 1 standard deviation"))
    // Bits 2: mean 12 µJ, sample standard deviation 2 µJ (values 10, 12, 14); bits 4 has none.
    #expect(svg.contains("energy: 2 → 12 µJ ± 2 µJ"), "\(svg)")
    #expect(svg.contains("energy: 4 → 20 µJ</title>"))
    // One error bar: a vertical stroke and two caps in the series colour at width 1.5.
    #expect(occurrences("stroke=\"#4e79a7\" stroke-width=\"1.5\"", in: svg) == 3)
    // One series, not one per seed.
    #expect(occurrences("<polyline", in: svg) == 2)  // the line and its legend sample
  }

  @Test func coincidingSeriesKeepDistinctMarkersAndTheLegendSaysSo() {
    let points = [1.0, 2, 4, 8].map { LineChart.Point(x: $0, y: 100 + $0, xLabel: AxisUnit.plain.format($0)) }
    let chart = LineChart(
      title: "same", xQuantity: "x", yQuantity: "energy", yUnit: .picojoules,
      series: [.init(label: "first", points: points), .init(label: "second", points: points)])
    let svg = chart.svg()
    #expect(XMLCheck.isWellFormed(svg))
    #expect(svg.contains("second (same values as first)"))
    #expect(!svg.contains("first (same values as"))
    // Different dash patterns and marker outlines (a circle's arcs, a square's corners).
    #expect(svg.contains("stroke=\"#f28e2b\" stroke-width=\"2\" stroke-dasharray=\"8,4\""))
    #expect(occurrences(" a 4.5 4.5 0 1 0 9 0 ", in: svg) == 5)  // four points and the legend
  }

  @Test func nearlyEqualSeriesAreCalledOverlappingNotEqual() {
    let first = [1.0, 2, 4].map { LineChart.Point(x: $0, y: 1000, xLabel: "") }
    let second = [1.0, 2, 4].map { LineChart.Point(x: $0, y: 1001, xLabel: "") }
    let svg = LineChart(
      title: "close", xQuantity: "x", yQuantity: "cycles", yUnit: .count,
      series: [.init(label: "any-miss", points: first), .init(label: "proportional", points: second)]
    ).svg()
    // 0.1 % apart on an axis from zero: under a pixel on a 340-pixel axis.
    #expect(svg.contains("proportional (overlaps any-miss at this scale)"))
  }

  @Test func sharedSettingsAreDodgedSoEveryMarkerShows() throws {
    let points = [1.0, 0.9].map { LineChart.Point(x: $0, y: 97, xLabel: "") }
    var chart = LineChart(
      title: "dodge", xQuantity: "energy", yQuantity: "accuracy", yUnit: .percent,
      series: [.init(label: "a", points: points), .init(label: "b", points: points)], horizontalAxis: .continuous)
    chart.zeroBasedY = false
    let plain = chart.svg()
    chart.dodgePixels = 5
    let dodged = chart.svg()
    #expect(!plain.contains("px apart") && dodged.contains("set 5 px apart"))
    // The first series' circle moves 2.5 px left of where it was, the second's square 2.5 px right.
    let circle = try #require(plain.range(of: "<path d=\"M ")).upperBound
    let before = Double(plain[circle...].prefix { $0 != " " }) ?? 0
    let moved = try #require(dodged.range(of: "<path d=\"M ")).upperBound
    let after = Double(dodged[moved...].prefix { $0 != " " }) ?? 0
    #expect(abs(after - (before - 2.5)) < 0.011, "\(before) → \(after)")
  }

  @Test func chartsAreByteIdenticalForTheSameInputs() throws {
    let first = try SweepChart.svg(seededTable(), metric: "energy_pj", chartKey: "gpu.cannaTuningBits", title: "t")
    let second = try SweepChart.svg(seededTable(), metric: "energy_pj", chartKey: "gpu.cannaTuningBits", title: "t")
    #expect(first == second)
    let plots = [directory + "/a.svg", directory + "/b.svg"]
    for plot in plots {
      let code = CommandLineTool.main(
        [
          "run", RepositoryPaths.path("configs/qcnpe-16x16.json"), "--trace", RepositoryPaths.path("traces/lenet5.json"),
          "--plot", plot,
        ], console: Capture().console)
      #expect(code == 0)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: plots[0])) == Data(contentsOf: URL(fileURLWithPath: plots[1])))
  }

  @Test func resNet50ChartLabelsAllFiftyFourLayersUpright() throws {
    let plot = directory + "/resnet50.svg"
    let code = CommandLineTool.main(
      [
        "run", RepositoryPaths.path("configs/qcnpe-16x16.json"), "--trace", RepositoryPaths.path("traces/scalesim/Resnet50.csv"),
        "--plot", plot,
      ], console: Capture().console)
    #expect(code == 0)
    let svg = try String(contentsOfFile: plot, encoding: .utf8)
    #expect(XMLCheck.isWellFormed(svg))
    #expect(occurrences("transform=\"rotate(-90 ", in: svg) == 54 + 2)  // layers and the two axis titles
    for name in ["Conv1", "CB2a_1", "IB5c_3", "FC6"] { #expect(svg.contains(">\(name)</text>"), "\(name)") }
    #expect(svg.contains("energy per layer (µJ)"))
    #expect(svg.contains("<title>QCNPE · Resnet50.csv · qcnpe-16x16.json</title>\n<desc>"))
    #expect(svg.contains("total 9.97 mJ · 636 mW"))
    #expect(!svg.contains("G pJ") && !svg.contains("M pJ"))
    #expect(svg.utf8.count < 200_000, "\(svg.utf8.count) bytes")
  }

  @Test func axTrainMeansCarryErrorBarsAndTheZoomedAxesSaySo() {
    var noisy = QualityEnergyPoint(
      method: "bp", setting: "ntv:0.66", accuracy: 0.95, outputError: 0.05, energyPJ: 90, arithmetic: .exact(layers: 1))
    noisy.accuracyStandardDeviation = 0.01
    noisy.runs = 50
    let exact = QualityEnergyPoint(
      method: "bp", setting: "exact", accuracy: 0.97, outputError: 0.03, energyPJ: 100, arithmetic: .exact(layers: 1))
    let svg = MethodOutputs.svg([exact, noisy], referenceEnergyPJ: 100, title: "AxTrain", hardware: "FlexFlow")
    #expect(XMLCheck.isWellFormed(svg))
    #expect(svg.contains("mean of 50 seeded runs; error bars: ± 1 standard deviation"))
    #expect(svg.contains("bp: ntv:0.66 → 95 % ± 1 %"))
    // Accuracy 94…97 % with an 8 % margin, down to whole per cent; energy 0.9…1 down to 0.02.
    #expect(svg.contains("axes start at 93 % (vertical) and 0.88 (horizontal), not 0"))
    let csv = MethodOutputs.csv([exact, noisy], referenceEnergyPJ: 100, hardware: "FlexFlow")
    #expect(csv.split(separator: "\n")[2] == "bp,ntv:0.66,0.95,0.01,50,0.05,90,0.9,FlexFlow")
  }
}
