/// The closest valid name to a misspelt one, so that an error about an unknown key, flag or
/// command can say what the user probably meant.
public enum NearestName {
  /// The candidate nearest to `name` by edit distance (case-insensitive), or nil when no
  /// candidate is close: more than a third of the longer name's characters would have to
  /// change, which is a different word rather than a typo. Ties go to the first candidate
  /// in `candidates`' order, so the answer never depends on hashing.
  public static func suggestion(for name: String, among candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (candidate: String, distance: Int)?
    for candidate in candidates where candidate != name {
      let distance = editDistance(target, Array(candidate.lowercased()))
      let allowed = max(1, max(target.count, candidate.count) / 3)
      guard distance <= allowed else { continue }
      if let current = best, current.distance <= distance { continue }
      best = (candidate, distance)
    }
    return best?.candidate
  }

  /// `" (did you mean X?)"` when a candidate is close to `name`, else an empty string: ready
  /// to splice into an error message.
  public static func phrase(for name: String, among candidates: [String]) -> String {
    suggestion(for: name, among: candidates).map { " (did you mean \($0)?)" } ?? ""
  }

  /// Levenshtein distance with adjacent transpositions counted as one edit (optimal string
  /// alignment), so that `rosw` is one edit from `rows`.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
  }
}
