import AxJSON

/// `axsim check REPORT --golden GOLDEN [--rel-tol X] [--abs-tol X]`: exit 0 when the report
/// keeps every invariant and matches the golden within tolerance, 1 with one line per
/// difference otherwise, 2 on bad input.
enum CheckCommand {
  static func run(_ arguments: [String], console: Console) throws(AxSimError) -> Int32 {
    let parsed = try ParsedArguments(arguments, command: "check", valueOptions: ["golden", "rel-tol", "abs-tol"])
    guard parsed.positionals.count == 1, let reportPath = parsed.positionals.first else {
      throw .usage("axsim check: expected one report file; usage: axsim check REPORT --golden GOLDEN [--rel-tol X]")
    }
    guard let goldenPath = parsed.options["golden"] else {
      throw .usage("axsim check: --golden GOLDEN is required")
    }
    let check = GoldenCheck(
      relativeTolerance: try parsed.number("rel-tol", command: "check", in: 0...1) ?? GoldenCheck.defaultRelativeTolerance,
      absoluteTolerance: try parsed.number("abs-tol", command: "check", in: 0...1e300) ?? GoldenCheck.defaultAbsoluteTolerance)
    let report = try ReportFile.load(reportPath, command: "check")
    let golden = try ReportFile.load(goldenPath, command: "check")
    let outcome = GoldenComparison.compare(report: report, golden: golden, check: check)
    console.out(outcome.summary(reportPath: reportPath, goldenPath: goldenPath, check: check))
    return outcome.passed ? 0 : 1
  }
}

/// The outcome of checking a report against a golden: invariant violations and field
/// differences. The golden regression tests call this very function.
public struct GoldenComparison: Sendable {
  /// Invariants the report breaks.
  public var violations: [String]
  /// Fields that differ from the golden.
  public var differences: [GoldenCheck.Difference]
  /// How the golden's provenance differs from the report's (config keys, options, input
  /// digests, build): said before any number, since it usually explains them.
  public var settings: [String] = []

  /// Whether the report keeps every invariant and matches the golden.
  public var passed: Bool { violations.isEmpty && differences.isEmpty }

  /// Checks `report` against `golden`.
  public static func compare(report: JSONValue, golden: JSONValue, check: GoldenCheck) -> GoldenComparison {
    GoldenComparison(
      violations: ReportInvariants.violations(of: report),
      differences: check.differences(report: withoutProvenance(report), golden: withoutProvenance(golden)),
      settings: RunProvenance.differences(report["provenance"], golden["provenance"], names: ("the report", "the golden")))
  }

  /// A report without its provenance, which is compared as settings rather than as numbers.
  static func withoutProvenance(_ report: JSONValue) -> JSONValue {
    guard case .object(var object) = report else { return report }
    object["provenance"] = nil
    return .object(object)
  }

  /// The lines `axsim check` prints.
  public func summary(reportPath: String, goldenPath: String, check: GoldenCheck) -> String {
    var lines = settings.map { "produced differently: " + $0 }
    if passed {
      lines.append(
        "\(reportPath) matches \(goldenPath) (relative tolerance \(check.relativeTolerance), absolute \(check.absoluteTolerance))"
      )
      return lines.joined(separator: "\n") + "\n"
    }
    for violation in violations { lines.append("invariant broken: \(violation)") }
    for difference in differences { lines.append("differs: \(difference)") }
    lines.append(
      "\(reportPath) does not match \(goldenPath): \(violations.count) invariant(s) broken, \(differences.count) field(s) differ")
    return lines.joined(separator: "\n") + "\n"
  }
}
