import AxJSON
import Energy

func table(_ text: String) throws -> EnergyTable {
  try EnergyTable(json: JSONNode(root: try JSONParser.parse(text), file: "table.json"))
}

/// A minimal valid table whose entries are given as JSON objects.
func tableText(entries: [String], leakage: [String] = [], ungated: Double = 0.25) -> String {
  """
  {"format": "axsim-energy-table", "version": 1, "name": "toy",
   "technology": {"node_nm": 45, "vdd_v": 1.0, "clock_mhz": 1000},
   "clock_gating": {"ungated_fraction": \(ungated), "source": "test"},
   "entries": [\(entries.joined(separator: ","))],
   "leakage": [\(leakage.joined(separator: ","))]}
  """
}
