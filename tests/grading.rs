//! Validation of `mlsd grade` on answers written the way people write from
//! memory, in nine sets graded against the same kind of rubric:
//!
//! - **Seventh blind set** (`BLIND7`, tests/grading/blind7/<case>/): the
//!   validation. 13 answers for each of video-recommendation,
//!   event-recommendation, similar-listings, people-you-may-know and
//!   street-view-blurring, written to the rubric by five writers who worked
//!   from a copy of the references at 69377ab, the rubric, the language doc
//!   and the case notes, could run only `mlsd check/export/fmt`, and could
//!   not read the project. Answers committed unopened (053029f); the grader
//!   was then changed once, on seen sets only (the first deduction,
//!   3bd7a32), frozen, and run on them once: 0 of 65 outside, Spearman
//!   0.920. The writers' replies named their merged-split choices before
//!   the change (the monitoring boxes merged in four cases, as in most
//!   earlier sets; video-recommendation's two training jobs in the fifth);
//!   no score of theirs was seen before the run.
//! - **Sixth blind set** (`BLIND6`, tests/grading/blind6/<case>/): the
//!   validation before the seventh. 13 answers for each of the five cases
//!   of the fourth set, written to the rubric by writers who could not run
//!   the grader or read the project, from the references as of f986bd0.
//!   Answers committed unopened (c2c254c) with the grader frozen at
//!   d3f65d5, then run on once: 6 of 65 outside, Spearman 0.946. Outside:
//!   all five merged-split answers above the cap of 95 (video-search 97.8,
//!   visual-search 97.3, ad-click 96.3, news-feed 95.5, harmful-content
//!   95.1) and a harmful-content no-feedback-loop at 90.8 (cap 90). Ten
//!   blind raters then scored this set and the fifth (tests/grading/raters):
//!   they put merged-split answers at 91-95 and missing paths 10-20 points
//!   below the grader, so the score became the coverage less a first
//!   deduction (3bd7a32): now 0 of 65 outside.
//! - **Fifth blind set** (`BLIND5`, tests/grading/blind5/<case>/): the
//!   validation before the sixth. 13 answers for each of video-recommendation,
//!   event-recommendation, similar-listings, people-you-may-know and
//!   street-view-blurring, written to the rubric by writers who could not
//!   run the grader or read its code, from the references as of 278e65d.
//!   Answers committed unopened (ab24014); the grader, unchanged since
//!   278e65d, was then run on them once. First run: 5 of 65 outside,
//!   Spearman 0.920 (the bar of 0.9 met). Outside: four merged-split
//!   answers above the cap of 95 (video-recommendation 98.0,
//!   people-you-may-know 97.6, street-view-blurring 97.0,
//!   event-recommendation 95.3) and an event-recommendation
//!   no-online-features at 88.1 (cap 88). Fixes from it (a weak match
//!   gives way to the component its box is part of; parts wired to their
//!   component; "(offline)" says offline; the feedback-loop rule follows
//!   users one hop only; the review queue weighs 1.5): now 5 of 65, 0.923.
//! - **Fourth blind set** (`BLIND4`, tests/grading/blind4/<case>/): the
//!   validation before the fifth. 13 answers for each of five cases,
//!   written to `tests/grading/RUBRIC-heldout.md` by writers who could not run the grader
//!   or read its code, from the references as of 51f6f01. Answers committed
//!   unopened after the grader was frozen (51f6f01), then run on once. An
//!   answer's band is its category's band in the rubric (`RUBRIC`, checked
//!   against the file). First run: 5 of 65 outside, Spearman 0.927 (the
//!   bar of 0.9 met). Outside: a news-feed other-case (a harmful-content
//!   design) at 50.9, above 35 and the 40, since its vocabulary
//!   shares 0.154 with news-feed (posts, feeds, multi-task heads) and the
//!   relevance ramp then ended at 0.2; fixed after the run (ramp 0.15-0.25),
//!   it scores 23.0. The four others stay outside by at most 1.5 points:
//!   an ad-click merged-split at 96.2 (cap 95), a video-search typos at 93.0
//!   (cap 92), and on harmful-content, where user reports still reach the
//!   labels through the lake, a no-feedback-loop at 91.3 (cap 90) and a
//!   no-human-review at 89.4 (cap 88); the second blind set's writers
//!   produced the same two at 91.5 and 89.4. Now 4 of 65, Spearman 0.932.
//!   The acceptance test is therefore `#[ignore]`d, not loosened.
//! - **Third blind set** (`BLIND3`, tests/grading/blind3/<case>/): the same
//!   procedure (answers ac35007, grader frozen at 9912bb1). First run: 3 of
//!   65 outside (two merged-split answers at 96.5 and 95.7 above the cap of
//!   95, an event-recommendation no-online-features at 91.1 above 88),
//!   Spearman 0.925. Before that run, while calibrating on the other sets,
//!   its five merged-split scores under the grader of 81e41f5 were printed
//!   once by mistake (95.7–98.9); no grader change was chosen after that.
//!   The grader was changed after its run (51f6f01), so it is reported.
//! - **Second blind set** (`BLIND2`, tests/grading/blind2/<case>/): answers
//!   70fdd4b, grader frozen at 2b02ac4; first run 8 of 65 outside, Spearman
//!   0.773. Used to calibrate since; reported.
//! - **First blind set** (`BLIND`, tests/grading/blind/<case>/): answers
//!   67c0019, grader b0b757f; first run 9 of 52 outside, Spearman 0.786;
//!   reported.
//! - **Held-out, then used** (`USED`, tests/grading/<case>/): the first
//!   held-out set, same rubric. First run 14 of 52 outside, Spearman 0.814
//!   (grader 07e860e); reported.
//! - **Development** (`DEV_BANDS`): 12 answers for each of four cases, used
//!   while the grader was built. Their bands were written before the grader
//!   first ran, but the harmful-content and people-you-may-know answers were
//!   written from the case notes before those references settled and cover
//!   about half of them. Reported, not asserted.
//!
//! With the first deduction (3bd7a32) every answer of the seen rubric sets
//! is in its band but one: the fifth set's street-view serving-only at 13.8
//! (floor 15; the raters gave it 9). The "now" figures above are each set's
//! at the time; `seen_and_development_sets_are_graded_and_reported` prints
//! today's. All nine sets feed the order, batch, variant and different-case
//! checks, which are asserted.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A set graded by the rubric: answers in tests/grading/<folder>/<case>/,
/// or tests/grading/<case>/ when `folder` is empty.
struct Set {
    folder: &'static str,
    cases: &'static [&'static str],
}

impl Set {
    /// (folder under tests/grading, case) for each case.
    fn folders(&self) -> Vec<(String, &'static str)> {
        self.cases
            .iter()
            .map(|&case| match self.folder {
                "" => (case.to_string(), case),
                f => (format!("{f}/{case}"), case),
            })
            .collect()
    }
}

/// The five cases of the second, fourth and sixth blind sets.
const SEARCH_ADS_AND_DETECTION: &[&str] = &[
    "ad-click-prediction",
    "news-feed",
    "harmful-content-detection",
    "video-search",
    "visual-search",
];

/// The five cases of the third and fifth blind sets.
const RECOMMENDATION_AND_BLURRING: &[&str] = &[
    "video-recommendation",
    "event-recommendation",
    "similar-listings",
    "people-you-may-know",
    "street-view-blurring",
];

/// The seventh blind set: the validation, run once at 3bd7a32.
const BLIND7: Set = Set {
    folder: "blind7",
    cases: RECOMMENDATION_AND_BLURRING,
};

/// The sixth blind set, run once at d3f65d5.
const BLIND6: Set = Set {
    folder: "blind6",
    cases: SEARCH_ADS_AND_DETECTION,
};

/// The fifth blind set, run once at 278e65d.
const BLIND5: Set = Set {
    folder: "blind5",
    cases: RECOMMENDATION_AND_BLURRING,
};

/// The fourth blind set, run once at 51f6f01.
const BLIND4: Set = Set {
    folder: "blind4",
    cases: SEARCH_ADS_AND_DETECTION,
};

/// The third blind set, run once at 9912bb1.
const BLIND3: Set = Set {
    folder: "blind3",
    cases: RECOMMENDATION_AND_BLURRING,
};

/// The second blind set, run once at 2b02ac4.
const BLIND2: Set = Set {
    folder: "blind2",
    cases: SEARCH_ADS_AND_DETECTION,
};

/// The first blind set.
const BLIND: Set = Set {
    folder: "blind",
    cases: &[
        "event-recommendation",
        "similar-listings",
        "people-you-may-know",
        "street-view-blurring",
    ],
};

/// The first held-out set, used to find grader defects after its first run.
const USED: Set = Set {
    folder: "",
    cases: &[
        "ad-click-prediction",
        "news-feed",
        "video-search",
        "street-view-blurring",
    ],
};

/// The rubric's categories and bands, as in tests/grading/RUBRIC-heldout.md.
/// `no-key-path` is the one `no-*.mlsd` answer not named otherwise.
const RUBRIC: &[(&str, f64, f64)] = &[
    ("synonyms", 80.0, 100.0),
    ("restaged", 80.0, 100.0),
    ("typos", 60.0, 92.0),
    ("no-monitoring", 70.0, 92.0),
    ("no-feedback-loop", 62.0, 90.0),
    ("no-key-path", 60.0, 88.0),
    ("no-framing", 70.0, 90.0),
    ("merged-split", 70.0, 95.0),
    ("from-memory", 50.0, 82.0),
    ("serving-only", 15.0, 45.0),
    ("shallow", 5.0, 32.0),
    ("overbuilt", 70.0, 95.0),
    ("other-case", 0.0, 35.0),
];

/// Development set: (case, answer file, lowest, highest) as first written,
/// from this rubric:
// Rubric (points out of 100, as an interviewer holding the reference would give):
// - complete design in other words (synonyms, product names): 75–100
// - complete design, restaged or reordered (same parts, other stage names): 70–100
// - abbreviations and typos: depends on how much is there; sparse notes 40–80
// - one important path missing (monitoring, feedback loop, indexing path,
//   feature store, human review, precomputed store, training path): lose the
//   parts and the flows they carry, typically 50–95
// - components merged or split (one box for two, two for one): partial credit, 50–85
// - online path only, nothing offline: 15–50
// - shallow five-box sketch: 5–38
// - over-built with irrelevant extras: a small penalty on a near-complete design, 65–97
// - an answer to a different case: 0–38 (the issue requires < 40)
const DEV_BANDS: &[(&str, &str, f64, f64)] = &[
    ("video-recommendation", "synonyms", 80.0, 100.0),
    ("video-recommendation", "typos", 60.0, 88.0),
    ("video-recommendation", "restaged", 88.0, 100.0),
    ("video-recommendation", "no-monitoring", 80.0, 95.0),
    ("video-recommendation", "no-feedback-loop", 70.0, 90.0),
    ("video-recommendation", "no-indexing", 78.0, 95.0),
    ("video-recommendation", "no-feature-store", 65.0, 88.0),
    ("video-recommendation", "shallow", 8.0, 30.0),
    ("video-recommendation", "overbuilt", 78.0, 96.0),
    ("video-recommendation", "other-case", 0.0, 25.0),
    ("video-recommendation", "serving-only", 25.0, 50.0),
    ("video-recommendation", "merged-split", 62.0, 85.0),
    ("visual-search", "synonyms", 75.0, 100.0),
    ("visual-search", "typos", 45.0, 80.0),
    ("visual-search", "restaged", 75.0, 100.0),
    ("visual-search", "no-monitoring", 65.0, 92.0),
    ("visual-search", "no-feedback-loop", 55.0, 85.0),
    ("visual-search", "no-indexing", 60.0, 88.0),
    ("visual-search", "no-reranking", 65.0, 92.0),
    ("visual-search", "shallow", 5.0, 35.0),
    ("visual-search", "overbuilt", 65.0, 95.0),
    ("visual-search", "other-case", 0.0, 30.0),
    ("visual-search", "serving-only", 20.0, 50.0),
    ("visual-search", "merged-split", 50.0, 80.0),
    ("harmful-content-detection", "synonyms", 70.0, 100.0),
    ("harmful-content-detection", "typos", 40.0, 75.0),
    ("harmful-content-detection", "restaged", 70.0, 98.0),
    ("harmful-content-detection", "no-monitoring", 65.0, 92.0),
    ("harmful-content-detection", "no-feedback-loop", 50.0, 80.0),
    ("harmful-content-detection", "no-review", 50.0, 80.0),
    ("harmful-content-detection", "no-framing", 70.0, 92.0),
    ("harmful-content-detection", "shallow", 10.0, 38.0),
    ("harmful-content-detection", "overbuilt", 68.0, 96.0),
    ("harmful-content-detection", "other-case", 0.0, 38.0),
    ("harmful-content-detection", "serving-only", 20.0, 50.0),
    ("harmful-content-detection", "merged-split", 50.0, 82.0),
    ("people-you-may-know", "synonyms", 70.0, 100.0),
    ("people-you-may-know", "typos", 40.0, 75.0),
    ("people-you-may-know", "restaged", 70.0, 98.0),
    ("people-you-may-know", "no-monitoring", 65.0, 92.0),
    ("people-you-may-know", "no-feedback-loop", 65.0, 92.0),
    ("people-you-may-know", "no-precompute", 50.0, 82.0),
    ("people-you-may-know", "no-training", 45.0, 78.0),
    ("people-you-may-know", "shallow", 10.0, 38.0),
    ("people-you-may-know", "overbuilt", 68.0, 96.0),
    ("people-you-may-know", "other-case", 0.0, 30.0),
    ("people-you-may-know", "serving-only", 15.0, 45.0),
    ("people-you-may-know", "merged-split", 50.0, 82.0),
];

/// Every set graded by the rubric, validation first.
fn all_rubric_sets() -> Vec<(String, &'static str)> {
    [BLIND7, BLIND6, BLIND5, BLIND4, BLIND3, BLIND2, BLIND, USED]
        .iter()
        .flat_map(Set::folders)
        .collect()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn reference(case: &str) -> PathBuf {
    root().join("diagrams").join(case).join("reference.mlsd")
}

fn answer(folder: &str, name: &str) -> PathBuf {
    root()
        .join("tests/grading")
        .join(folder)
        .join(format!("{name}.mlsd"))
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn mlsd(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(args)
        .output()
        .expect("mlsd runs")
}

/// Grades files against one reference (CSV) and returns their scores in order.
fn scores(files: &[PathBuf], reference: &Path) -> Vec<f64> {
    let mut args: Vec<&std::ffi::OsStr> = vec![os("grade")];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend([os("--against"), reference.as_os_str()]);
    args.extend([os("--format"), os("csv")]);
    let out = mlsd(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<f64> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap().parse().unwrap())
        .collect();
    assert_eq!(rows.len(), files.len(), "{text}");
    rows
}

/// The answers in a folder, each with its rubric category (`no-key-path` for
/// an unnamed `no-*`), sorted by file name.
fn answers_in(folder: &str) -> Vec<(String, &'static str)> {
    let dir = root().join("tests/grading").join(folder);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".mlsd").map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let category =
                RUBRIC
                    .iter()
                    .map(|r| r.0)
                    .find(|c| *c == n)
                    .unwrap_or(if n.starts_with("no-") {
                        "no-key-path"
                    } else {
                        ""
                    });
            (n, category)
        })
        .collect()
}

/// (case, answer, lowest, highest, score) for every answer of a set.
type Row = (String, String, f64, f64, f64);

/// Grades a set of folders against their cases, with rubric bands.
fn graded_rubric_set(set: &[(String, &str)]) -> Vec<Row> {
    let mut out = Vec::new();
    for (folder, case) in set {
        let answers = answers_in(folder);
        let files: Vec<PathBuf> = answers.iter().map(|(n, _)| answer(folder, n)).collect();
        let got = scores(&files, &reference(case));
        for ((n, category), s) in answers.iter().zip(got) {
            let (_, lo, hi) = RUBRIC
                .iter()
                .find(|r| r.0 == *category)
                .unwrap_or_else(|| panic!("{case}/{n} fits no rubric category"));
            out.push((case.to_string(), n.clone(), *lo, *hi, s));
        }
    }
    out
}

fn graded_dev() -> Vec<Row> {
    let mut out = Vec::new();
    let mut cases: Vec<&str> = DEV_BANDS.iter().map(|b| b.0).collect();
    cases.dedup();
    for case in cases {
        let rows: Vec<_> = DEV_BANDS.iter().filter(|b| b.0 == case).collect();
        let files: Vec<PathBuf> = rows.iter().map(|b| answer(case, b.1)).collect();
        let got = scores(&files, &reference(case));
        for (b, s) in rows.iter().zip(got) {
            out.push((b.0.to_string(), b.1.to_string(), b.2, b.3, s));
        }
    }
    out
}

fn table(rows: &[Row]) -> String {
    rows.iter()
        .map(|(c, n, lo, hi, s)| {
            let mark = if s < lo || s > hi { "  outside" } else { "" };
            format!("{c:28} {n:20} {lo:5.1}–{hi:5.1}  {s:5.1}{mark}\n")
        })
        .collect()
}

/// Average ranks (ties share their mean rank), 1-based.
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            r[idx[k]] = mean;
        }
        i = j + 1;
    }
    r
}

fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

#[test]
fn rubric_sets_are_complete_and_their_rubric_is_the_committed_one() {
    for (folder, case) in all_rubric_sets() {
        assert!(reference(case).exists(), "{case} has no reference");
        let answers = answers_in(&folder);
        assert_eq!(answers.len(), RUBRIC.len(), "{case}: {answers:?}");
        for (category, _, _) in RUBRIC {
            assert_eq!(
                answers.iter().filter(|a| a.1 == *category).count(),
                1,
                "{case}: one `{category}` answer"
            );
        }
    }
    // Every band here is the one the rubric file states.
    let md = std::fs::read_to_string(root().join("tests/grading/RUBRIC-heldout.md")).unwrap();
    for (category, lo, hi) in RUBRIC {
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| `{category}` |")))
            .unwrap_or_else(|| panic!("{category} not in the rubric file"));
        assert!(
            row.trim_end().ends_with(&format!("| {lo}–{hi} |")),
            "{category}: {row}"
        );
    }
}

/// The acceptance test, on the seventh blind set.
#[test]
fn blind_answers_land_in_their_bands_and_rank_like_the_rubric() {
    let all = graded_rubric_set(&BLIND7.folders());
    let text = table(&all);
    println!("{text}");
    let outside: Vec<&Row> = all
        .iter()
        .filter(|(_, _, lo, hi, s)| s < lo || s > hi)
        .collect();
    let expected: Vec<f64> = all.iter().map(|r| (r.2 + r.3) / 2.0).collect();
    let actual: Vec<f64> = all.iter().map(|r| r.4).collect();
    let rho = spearman(&expected, &actual);
    println!("spearman {rho:.3}");
    assert!(
        outside.is_empty(),
        "outside their bands: {outside:#?}\n{text}"
    );
    assert!(rho >= 0.9, "spearman {rho:.3}\n{text}");
}

#[test]
fn seen_and_development_sets_are_graded_and_reported() {
    for b in DEV_BANDS {
        assert!(answer(b.0, b.1).exists(), "{b:?}");
    }
    for (name, rows) in [
        ("sixth blind set", graded_rubric_set(&BLIND6.folders())),
        ("fifth blind set", graded_rubric_set(&BLIND5.folders())),
        ("fourth blind set", graded_rubric_set(&BLIND4.folders())),
        ("third blind set", graded_rubric_set(&BLIND3.folders())),
        ("second blind set", graded_rubric_set(&BLIND2.folders())),
        ("first blind set", graded_rubric_set(&BLIND.folders())),
        ("first held-out set", graded_rubric_set(&USED.folders())),
        ("development set", graded_dev()),
    ] {
        let expected: Vec<f64> = rows.iter().map(|r| (r.2 + r.3) / 2.0).collect();
        let actual: Vec<f64> = rows.iter().map(|r| r.4).collect();
        let outside = rows
            .iter()
            .filter(|(_, _, lo, hi, s)| s < lo || s > hi)
            .count();
        // Reported, not asserted: see the module comment.
        println!(
            "{}{name}: {outside} of {} outside their bands, spearman {:.3}\n",
            table(&rows),
            rows.len(),
            spearman(&expected, &actual)
        );
        for r in &rows {
            assert!((0.0..=100.0).contains(&r.4), "{r:?}");
        }
    }
}

#[test]
fn answers_to_a_different_case_score_below_40() {
    let sets = all_rubric_sets();
    let all = graded_rubric_set(&sets).into_iter().chain(graded_dev());
    let mut seen = 0;
    for (case, name, _, _, s) in all {
        if name == "other-case" {
            seen += 1;
            assert!(s < 40.0, "{case}: {s}");
        }
    }
    assert_eq!(seen, sets.len() + 4);
}

#[test]
fn every_reference_scores_100_against_itself() {
    for entry in std::fs::read_dir(root().join("diagrams")).unwrap() {
        let r = entry.unwrap().path().join("reference.mlsd");
        if r.exists() {
            assert_eq!(
                scores(std::slice::from_ref(&r), &r),
                [100.0],
                "{}",
                r.display()
            );
        }
    }
}

/// Rewrites a diagram with its top-level statements and each stage's lines in
/// reverse order: the same design, declared and connected in another order.
fn reversed(text: &str) -> String {
    let mut units: Vec<Vec<String>> = Vec::new();
    let mut stage: Option<Vec<String>> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(lines) = stage.as_mut() {
            if t == "}" {
                let mut body: Vec<String> = lines.drain(1..).collect();
                body.reverse();
                lines.extend(body);
                lines.push(line.to_string());
                units.push(stage.take().unwrap());
            } else {
                lines.push(line.to_string());
            }
        } else if t.starts_with("stage ") {
            stage = Some(vec![line.to_string()]);
        } else {
            units.push(vec![line.to_string()]);
        }
    }
    units.reverse();
    units.concat().join("\n") + "\n"
}

fn json_grades(files: &[PathBuf], reference: &Path) -> Vec<serde_json::Value> {
    let mut args: Vec<&std::ffi::OsStr> = vec![os("grade")];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend([
        os("--against"),
        reference.as_os_str(),
        os("--format"),
        os("json"),
    ]);
    let out = mlsd(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    for g in &mut v {
        g.as_object_mut().unwrap().remove("answer");
    }
    v
}

#[test]
fn order_of_components_and_flows_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut sets: Vec<(String, &str)> = DEV_BANDS.iter().map(|b| (b.0.to_string(), b.0)).collect();
    sets.dedup();
    sets.extend(all_rubric_sets());
    for (folder, case) in sets {
        let originals: Vec<PathBuf> = answers_in(&folder)
            .into_iter()
            .map(|(n, _)| answer(&folder, &n))
            .collect();
        let shuffled: Vec<PathBuf> = originals
            .iter()
            .map(|p| {
                let q = dir.path().join(format!(
                    "{case}-{}",
                    p.file_name().unwrap().to_string_lossy()
                ));
                std::fs::write(&q, reversed(&std::fs::read_to_string(p).unwrap())).unwrap();
                q
            })
            .collect();
        let a = json_grades(&originals, &reference(case));
        let b = json_grades(&shuffled, &reference(case));
        for ((x, y), p) in a.iter().zip(&b).zip(&originals) {
            assert_eq!(x, y, "{}", p.display());
        }
    }
}

#[test]
fn batch_output_keeps_input_order_and_min_score_sets_the_exit_code() {
    let case = "video-recommendation";
    let files = [
        answer(case, "shallow"),
        answer(case, "synonyms"),
        answer(case, "typos"),
    ];
    let out = mlsd(&[
        os("grade"),
        files[0].as_os_str(),
        files[1].as_os_str(),
        files[2].as_os_str(),
        os("--against"),
        reference(case).as_os_str(),
        os("--format"),
        os("csv"),
        os("--min-score"),
        os("50"),
    ]);
    assert_eq!(out.status.code(), Some(1), "shallow scores below 50");
    let text = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert!(
        names[0].ends_with("shallow.mlsd")
            && names[1].ends_with("synonyms.mlsd")
            && names[2].ends_with("typos.mlsd")
    );
    let out = mlsd(&[
        os("grade"),
        files[1].as_os_str(),
        os("--against"),
        reference(case).as_os_str(),
        os("--min-score"),
        os("50"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("/100 against Video recommendation"), "{text}");
}

#[test]
fn several_reference_variants_keep_the_best() {
    let case = "visual-search";
    let file = answer(case, "synonyms");
    let alone = scores(std::slice::from_ref(&file), &reference(case))[0];
    let out = mlsd(&[
        os("grade"),
        file.as_os_str(),
        os("--against"),
        reference("people-you-may-know").as_os_str(),
        reference(case).as_os_str(),
        os("--format"),
        os("csv"),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text.lines().nth(1).unwrap();
    assert!(row.contains("visual-search"), "{row}");
    assert_eq!(
        row.split(',').nth(2).unwrap().parse::<f64>().unwrap(),
        alone
    );
}

#[test]
fn built_in_cases_grade_like_their_reference_files() {
    let case = "video-recommendation";
    let file = answer(case, "typos");
    let by_file = scores(std::slice::from_ref(&file), &reference(case))[0];
    let out = mlsd(&[
        os("grade"),
        file.as_os_str(),
        os("--case"),
        os(case),
        os("--format"),
        os("csv"),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let score: f64 = text
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(score, by_file);
    let out = mlsd(&[
        os("grade"),
        file.as_os_str(),
        os("--case"),
        os("video-recomendation"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `video-recommendation`"));
}

#[test]
fn svg_colours_the_reference_by_the_grade() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graded.svg");
    let file = answer("video-recommendation", "overbuilt");
    let run = mlsd(&[
        os("grade"),
        file.as_os_str(),
        os("--case"),
        os("video-recommendation"),
        os("--svg"),
        out.as_os_str(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("g.component[data-id=\"ann\"] .shape {fill:#dcfce7"));
    assert!(
        svg.contains(">Blockchain ledger</text>"),
        "extras are listed"
    );
    let two = mlsd(&[
        os("grade"),
        file.as_os_str(),
        file.as_os_str(),
        os("--case"),
        os("video-recommendation"),
        os("--svg"),
        out.as_os_str(),
    ]);
    assert_eq!(two.status.code(), Some(2));
}

#[test]
fn bad_input_is_reported_not_panicked() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.mlsd");
    std::fs::write(&junk, b"\x00\x01binary").unwrap();
    let broken = dir.path().join("broken.mlsd");
    std::fs::write(&broken, "stage data {\n a: nonsense \"x\"\n").unwrap();
    let r = reference("video-recommendation");
    let out = mlsd(&[
        os("grade"),
        junk.as_os_str(),
        os("--against"),
        r.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = mlsd(&[
        os("grade"),
        broken.as_os_str(),
        os("--against"),
        r.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
    let out = mlsd(&[
        os("grade"),
        r.as_os_str(),
        os("--against"),
        broken.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}
