//! Synthetic diagrams of any size, for benchmarks and scaling tests.
//!
//! The shape imitates real designs: components spread over the framework's
//! stages in order, flows mostly run forward to nearby components, and a few
//! run back (feedback loops). Output is a pure function of the arguments.

use std::fmt::Write as _;

const STAGES: &[(&str, &[&str])] = &[
    ("data", &["source", "store", "log", "stream"]),
    ("features", &["job", "store", "dataset"]),
    ("training", &["job", "model", "registry"]),
    ("evaluation", &["job", "experiment"]),
    ("serving", &["service", "model", "index", "cache"]),
    ("monitoring", &["monitor", "store"]),
];

/// A small deterministic generator (xorshift64*), so the crate needs no RNG.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A diagram with `components` components in six stages and about `edges`
/// flows (fewer only if the graph cannot hold that many distinct ones).
pub fn diagram(components: usize, edges: usize, seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut out = String::with_capacity(components * 48 + edges * 24);
    let _ = writeln!(out, "title \"Synthetic {components}\"");
    out.push_str("task ranking \"synthetic\"\n");
    out.push_str("metrics offline \"nDCG\", \"recall@k\"\nmetrics online \"CTR\"\n");
    let per_stage = components.div_ceil(STAGES.len()).max(1);
    for (s, (stage, kinds)) in STAGES.iter().enumerate() {
        let lo = s * per_stage;
        let hi = ((s + 1) * per_stage).min(components);
        if lo >= hi {
            break;
        }
        let _ = writeln!(out, "stage {stage} {{");
        for i in lo..hi {
            let kind = kinds[rng.below(kinds.len())];
            let attr = match kind {
                "store" if rng.below(2) == 0 => " [online]",
                "store" => " [offline]",
                _ => "",
            };
            let _ = writeln!(out, "  c{i}: {kind} \"Component {i}\"{attr}");
        }
        out.push_str("}\n");
    }
    let mut seen = std::collections::HashSet::new();
    let mut made = 0;
    let mut attempts = 0;
    while made < edges && attempts < edges * 20 + 100 && components > 1 {
        attempts += 1;
        let a = rng.below(components);
        // Mostly short forward hops; one in twenty goes back.
        let b = if rng.below(20) == 0 {
            a.saturating_sub(1 + rng.below(per_stage * 2))
        } else {
            (a + 1 + rng.below(per_stage)).min(components - 1)
        };
        if a == b || !seen.insert((a, b)) {
            continue;
        }
        if made % 7 == 0 {
            let _ = writeln!(out, "c{a} -> c{b}: \"flow {made}\"");
        } else {
            let _ = writeln!(out, "c{a} -> c{b}");
        }
        made += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_diagrams_are_clean_and_sized() {
        let doc = crate::analyze_str("synth", &super::diagram(1000, 1500, 7));
        assert!(
            doc.diagnostics.is_empty(),
            "{:#?}",
            &doc.diagnostics[..3.min(doc.diagnostics.len())]
        );
        assert_eq!(doc.model.graph.node_count(), 1000);
        assert_eq!(doc.model.graph.edge_count(), 1500);
        assert_eq!(super::diagram(50, 60, 3), super::diagram(50, 60, 3));
    }
}
