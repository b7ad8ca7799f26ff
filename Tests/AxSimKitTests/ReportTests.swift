import AxJSON
import AxSimKit
import SimKernel
import TestSupport
import Testing
import Trace

@Suite struct ReportTests {
  func report(fidelity: Fidelity, trace: String = "traces/lenet5.json") throws -> RunReport {
    var config = try configuration(defaultQCNPEConfig)
    config.fidelity = fidelity
    let traceNode = JSONNode(root: try JSONParser.parse(try RepositoryPaths.text(trace)), file: trace)
    return try Simulation.run(
      configuration: config, trace: try NetworkTrace(json: traceNode), tracePath: trace, energyTable: try qcnpeTable())
  }

  @Test func twoRunsWriteIdenticalBytes() throws {
    #expect(try report(fidelity: .fast).jsonText == report(fidelity: .fast).jsonText)
  }

  @Test func bothFidelitiesReportTheSameNumbers() throws {
    var cycle = try report(fidelity: .cycle)
    let fast = try report(fidelity: .fast)
    cycle.fidelity = .fast
    #expect(cycle.jsonText == fast.jsonText)
  }

  @Test func reportsKeepTheirInvariantsAndHaveTheDocumentedFields() throws {
    let value = try JSONParser.parse(try report(fidelity: .fast).jsonText)
    #expect(ReportInvariants.violations(of: value).isEmpty)
    for key in ["cycles", "energy_pj", "time_ns", "power_mw", "utilization"] {
      #expect(value["totals"]?[key]?.doubleValue != nil, "totals.\(key)")
    }
    guard case .array(let layers) = value["layers"] ?? .null, case .array(let components) = value["components"] ?? .null else {
      Issue.record("layers or components missing")
      return
    }
    #expect(layers.count == 7)
    for layer in layers { for key in ["cycles", "energy_pj", "utilization"] { #expect(layer[key]?.doubleValue != nil) } }
    #expect(components.allSatisfy { $0["name"] != nil && $0["energy_pj"] != nil })
  }

  @Test func csvHasOneRowPerLayerAndATotal() throws {
    let run = try report(fidelity: .fast)
    let lines = CSVReporter.render(run).split(separator: "\n")
    #expect(lines.count == run.layers.count + 2)
    let header = lines[0].split(separator: ",")
    #expect(header.first == "layer")
    #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == header.count })
    #expect(lines.last?.hasPrefix("total,\(run.totals.cycles),") == true)
  }

  @Test func textReportListsEveryComponentAndLayer() throws {
    let run = try report(fidelity: .fast)
    let text = TextReporter.render(run)
    for component in run.components { #expect(text.contains(component.name)) }
    for layer in run.layers { #expect(text.contains(layer.name)) }
  }
}
