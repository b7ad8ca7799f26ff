import AxJSON
import AxSimKit
import Testing

@Suite struct GoldenCheckTests {
  let golden: JSONValue = [
    "totals": ["energy_pj": 100.0, "cycles": 10],
    "layers": [["name": "fc1", "energy_pj": 60.0], ["name": "fc2", "energy_pj": 40.0]],
  ]

  @Test func identicalReportsMatch() {
    #expect(GoldenCheck().differences(report: golden, golden: golden).isEmpty)
  }

  @Test func toleranceIsRelativeToTheLargerMagnitude() {
    let check = GoldenCheck(relativeTolerance: 0.01, absoluteTolerance: 0)
    #expect(check.agree(100, 100.99))
    #expect(check.agree(100.99, 100))
    #expect(!check.agree(100, 101.1))
    #expect(check.agree(0, 0))
    #expect(!check.agree(0, 1e-12))
    #expect(GoldenCheck(relativeTolerance: 0, absoluteTolerance: 1e-9).agree(0, 1e-12))
  }

  @Test func namesTheDifferingFieldByLayerName() {
    let report: JSONValue = [
      "totals": ["energy_pj": 100.0, "cycles": 10],
      "layers": [["name": "fc1", "energy_pj": 61.0], ["name": "fc2", "energy_pj": 40.0]],
    ]
    let differences = GoldenCheck().differences(report: report, golden: golden)
    #expect(differences.map(\.path) == ["layers[fc1].energy_pj"])
    #expect(differences[0].message.hasPrefix("report 61, golden 60"))
  }

  @Test func missingAndExtraFieldsAreDifferences() {
    let report: JSONValue = ["totals": ["energy_pj": 100.0, "stalls": 0], "layers": [["name": "fc1", "energy_pj": 60.0]]]
    let paths = GoldenCheck().differences(report: report, golden: golden).map(\.path)
    #expect(paths == ["layers[fc2]", "totals.cycles", "totals.stalls"])
  }

  @Test func invariantsCatchAReportWhoseComponentsDoNotSumToTheTotal() {
    let broken: JSONValue = [
      "totals": ["energy_pj": 100.0, "cycles": 10, "time_ns": 10.0, "power_mw": 10.0, "utilization": 0.5],
      "components": [["name": "a", "energy_pj": 60.0], ["name": "b", "energy_pj": 30.0]],
      "layers": [
        [
          "name": "l", "energy_pj": 100.0, "cycles": 10, "time_ns": 10.0, "power_mw": 10.0, "utilization": 0.5,
          "phases": ["compute": 10], "components": [["name": "a", "energy_pj": 100.0]],
        ]
      ],
    ]
    let violations = ReportInvariants.violations(of: broken)
    #expect(violations == ["components sum to 90.0 pJ but totals.energy_pj is 100.0"])
  }
}
