//! Junk input never panics: not the library (in-process, many inputs) and not
//! the binary (exit code 101 is Rust's panic exit). Each binary run is killed
//! after 20 s so a hang fails the test instead of stalling CI; how fast junk
//! is rejected is measured by benches/junk.sh, not here.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const REFERENCE: &str = include_str!("../diagrams/video-recommendation/reference.mlsd");

fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut c: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), vec![]),
        ("whitespace".into(), b"  \n\t\n\r\n   ".to_vec()),
        ("only-comment-no-newline".into(), b"# hi".to_vec()),
        ("bom".into(), "\u{feff}a: store\n".as_bytes().to_vec()),
        ("nul".into(), b"a: store\0\n".to_vec()),
        ("invalid-utf8".into(), b"a: store \"\xc3\x28\"\n".to_vec()),
        ("lone-cr".into(), b"a: store\rb: job\r".to_vec()),
        ("braces-100k".into(), "{".repeat(100_000).into_bytes()),
        ("closing-braces".into(), "}\n".repeat(50_000).into_bytes()),
        (
            "stage-heads-100k".into(),
            "stage a {\n".repeat(100_000).into_bytes(),
        ),
        (
            "nested-stages".into(),
            (0..20_000)
                .map(|i| format!("{}stage s{i} {{\n", " ".repeat(i % 50)))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "brackets".into(),
            format!("a: store {}", "[".repeat(200_000)).into_bytes(),
        ),
        ("long-ident".into(), "a".repeat(1_000_000).into_bytes()),
        (
            "long-string".into(),
            format!("title \"{}", "x".repeat(1_000_000)).into_bytes(),
        ),
        ("long-chain".into(), {
            let mut s: String = (0..20_000).map(|i| format!("n{i}: job\n")).collect();
            s += &(0..20_000)
                .map(|i| format!("n{i}"))
                .collect::<Vec<_>>()
                .join(" -> ");
            s.into_bytes()
        }),
        ("fan-out".into(), {
            let mut s: String = (0..3_000).map(|i| format!("n{i}: job\n")).collect();
            let all = (0..3_000)
                .map(|i| format!("n{i}"))
                .collect::<Vec<_>>()
                .join(", ");
            s += &format!("n0 -> {all}\n");
            s.into_bytes()
        }),
        (
            "many-unknown-refs".into(),
            "x -> y\n".repeat(50_000).into_bytes(),
        ),
        ("arrows".into(), "->".repeat(300_000).into_bytes()),
        ("quotes".into(), "\"".repeat(300_000).into_bytes()),
        (
            "just-over-limit".into(),
            vec![b'#'; mlsd::source::MAX_INPUT_BYTES + 1],
        ),
        ("near-limit-valid".into(), {
            let line = b"a -> b: \"some label text here\"\n";
            let mut s = b"a: store\nb: job\n".to_vec();
            while s.len() + line.len() < mlsd::source::MAX_INPUT_BYTES {
                s.extend_from_slice(line);
            }
            s
        }),
    ];
    // Pseudo-random bytes and pseudo-random printable ASCII.
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..4 {
        c.push((
            format!("random-bytes-{i}"),
            (0..100_000).map(|_| rnd() as u8).collect(),
        ));
        let alphabet = b"abc:->,\"[]{}#\n \t stage aka as title task metrics 0.5";
        c.push((
            format!("random-tokens-{i}"),
            (0..100_000)
                .map(|_| alphabet[(rnd() % alphabet.len() as u64) as usize])
                .collect(),
        ));
    }
    c
}

#[test]
fn library_never_panics_on_junk_or_truncations() {
    let mut inputs = corpus();
    // Every truncation of a real diagram, at a stride, including mid-UTF-8.
    let bytes = REFERENCE.as_bytes();
    for end in (0..bytes.len()).step_by(7) {
        inputs.push((format!("truncated-{end}"), bytes[..end].to_vec()));
    }
    for (name, input) in inputs {
        let result = std::panic::catch_unwind(|| {
            match mlsd::source::SourceFile::from_bytes(name.clone(), &input) {
                Ok(src) => {
                    let doc = mlsd::analyze(src);
                    // Formatting must also be safe on whatever parsed.
                    let _ = mlsd::formatter::format(&doc.syntax);
                    for d in &doc.diagnostics {
                        let _ = mlsd::diag::render_human(d, &doc.source);
                    }
                }
                Err(rejected) => {
                    let _ = mlsd::diag::render_human(&rejected.1, &rejected.0);
                }
            }
        });
        assert!(result.is_ok(), "panic on input {name}");
    }
}

#[test]
fn binary_never_panics_on_junk() {
    for (i, (name, input)) in corpus().into_iter().enumerate() {
        // Every input goes through `check`; the other entry points take
        // turns, since they share the code that could panic.
        let other: &[&str] = if i % 2 == 0 {
            &["fmt", "-"]
        } else {
            &["check", "--format", "json", "-"]
        };
        for args in [&["check", "-"][..], other] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_mlsd"))
                .args(args)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            // A broken pipe is fine: the binary may stop reading at the size limit.
            let _ = child.stdin.take().unwrap().write_all(&input);
            let start = Instant::now();
            let status = loop {
                if let Some(status) = child.try_wait().unwrap() {
                    break status;
                }
                if start.elapsed() > Duration::from_secs(20) {
                    let _ = child.kill();
                    panic!("{name} {args:?}: still running after 20 s");
                }
                std::thread::sleep(Duration::from_millis(5));
            };
            let code = status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "{name} {args:?}: exit {code:?}"
            );
        }
    }
}
