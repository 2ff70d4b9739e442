//! `mlsd render` and `mlsd export` driven as users run them: every bundled
//! diagram, every theme, checked by parsing the output back, by headless
//! Chromium, and (for exports) by the real Graphviz, D2 and Mermaid tools.

use resvg::tiny_skia::Pixmap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn mlsd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("mlsd runs")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.mlsd` under diagrams/, sorted.
fn diagrams() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "mlsd") {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(&root().join("diagrams"), &mut v);
    v.sort();
    assert!(!v.is_empty());
    v
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A tool from PATH or target/tools (where .ci/run installs npm tools). In CI
/// a missing tool fails the test; locally the test says it skipped.
fn tool(name: &str, npm: Option<&str>) -> Option<PathBuf> {
    let local = npm.map(|b| root().join("target/tools/node_modules/.bin").join(b));
    let found = local.filter(|p| p.exists()).or_else(|| {
        Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is required in CI (.ci/run installs it)"
        );
        eprintln!("SKIPPED: {name} is not installed; run .ci/run's install step to check this");
    }
    found
}

const HOSTILE: &str = r#"title "<script>alert('t')</script> & ]]>"
a: service "<script>alert(1)</script>"
b: store "x ]]> y & \"q\" <!-- c -->"
a -> b: "<img src=x onerror=alert(2)>"
"#;

#[test]
fn every_diagram_renders_in_every_theme_with_one_group_per_element() {
    let dir = tempfile::tempdir().unwrap();
    for d in diagrams() {
        let doc = mlsd::analyze_str("d", &std::fs::read_to_string(&d).unwrap());
        for theme in ["light", "dark", "auto"] {
            let out = dir.path().join(format!("{theme}.svg"));
            let o = mlsd(&["render", s(&d), "-o", s(&out), "--theme", theme]);
            assert!(
                o.status.success(),
                "{}: {}",
                d.display(),
                String::from_utf8_lossy(&o.stderr)
            );
            let text = std::fs::read_to_string(&out).unwrap();
            let xml = roxmltree::Document::parse(&text).expect("well-formed SVG");
            let count = |class: &str| {
                xml.descendants()
                    .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
                    .count()
            };
            assert_eq!(
                count("component"),
                doc.model.graph.node_count(),
                "{}",
                d.display()
            );
            assert_eq!(
                count("edge"),
                doc.model.graph.edge_count(),
                "{}",
                d.display()
            );
            assert_eq!(count("stage"), doc.model.stages.len(), "{}", d.display());
            // Self-contained: nothing is fetched from anywhere.
            assert!(
                !text.contains("href") && !text.contains("url(http"),
                "{}",
                d.display()
            );
        }
    }
}

#[test]
fn png_output_is_a_png_at_the_requested_scale() {
    let dir = tempfile::tempdir().unwrap();
    let d = &diagrams()[0];
    let one = dir.path().join("one.png");
    let two = dir.path().join("two.png");
    assert!(
        mlsd(&["render", s(d), "-o", s(&one), "--scale", "1"])
            .status
            .success()
    );
    assert!(
        mlsd(&[
            "render",
            s(d),
            "-o",
            s(&two),
            "--scale",
            "2",
            "--theme",
            "dark"
        ])
        .status
        .success()
    );
    let (a, b) = (
        Pixmap::load_png(&one).unwrap(),
        Pixmap::load_png(&two).unwrap(),
    );
    assert!((b.width() as i64 - 2 * a.width() as i64).abs() <= 1);
    assert!((b.height() as i64 - 2 * a.height() as i64).abs() <= 1);
    // Light has a white background, dark a dark one.
    let px = a.pixel(1, 1).unwrap();
    assert_eq!((px.red(), px.green(), px.blue()), (255, 255, 255));
    let px = b.pixel(1, 1).unwrap();
    assert!(px.red() < 40 && px.green() < 40 && px.blue() < 60);
    // --format overrides the extension; `-o -` writes to stdout.
    let o = mlsd(&[
        "render",
        s(d),
        "-o",
        "-",
        "--format",
        "png",
        "--scale",
        "0.5",
    ]);
    assert!(o.status.success());
    assert!(o.stdout.starts_with(b"\x89PNG\r\n\x1a\n"));
    let o = mlsd(&["render", s(d), "-o", s(&one), "--scale", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn output_paths_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("design.mlsd");
    std::fs::copy(&diagrams()[0], &src).unwrap();
    // Default: next to the input, with the format's extension.
    assert!(mlsd(&["render", s(&src)]).status.success());
    assert!(
        std::fs::read_to_string(dir.path().join("design.svg"))
            .unwrap()
            .starts_with("<svg")
    );
    assert!(
        mlsd(&["render", s(&src), "--format", "png"])
            .status
            .success()
    );
    assert!(
        std::fs::read(dir.path().join("design.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    // Stdout, byte-identical to the file.
    let o = mlsd(&["render", s(&src), "-o", "-"]);
    assert!(o.status.success());
    assert_eq!(
        o.stdout,
        std::fs::read(dir.path().join("design.svg")).unwrap()
    );
    // An unknown extension is a usage error and writes nothing.
    let o = mlsd(&["render", s(&src), "-o", s(&dir.path().join("x.gif"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--format"));
    assert!(!dir.path().join("x.gif").exists());
}

#[test]
fn files_with_errors_are_not_rendered_and_old_output_survives() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("bad.mlsd");
    std::fs::write(&src, "a: service\na -> nowhere\n").unwrap();
    let out = dir.path().join("bad.svg");
    std::fs::write(&out, "previous picture").unwrap();
    let o = mlsd(&["render", s(&src), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown component `nowhere`"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous picture");
    let o = mlsd(&["export", s(&src), "--to", "dot"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    // A directory that does not exist: an I/O error, exit 2.
    let good = dir.path().join("good.mlsd");
    std::fs::write(&good, "a: service\n").unwrap();
    let o = mlsd(&[
        "render",
        s(&good),
        "-o",
        s(&dir.path().join("no/such/dir.svg")),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn readme_picture_is_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let cmd = "cargo run --release -- render diagrams/video-recommendation/reference.mlsd -o docs/video-recommendation.svg --theme auto";
    assert!(readme.contains(cmd), "README's first command changed");
    assert!(
        readme.contains("](docs/video-recommendation.svg)"),
        "README does not show the picture"
    );
    let o = mlsd(&[
        "render",
        s(&root().join("diagrams/video-recommendation/reference.mlsd")),
        "-o",
        "-",
        "--theme",
        "auto",
    ]);
    assert!(o.status.success());
    let committed = std::fs::read(root().join("docs/video-recommendation.svg")).unwrap();
    assert!(
        committed == o.stdout,
        "docs/video-recommendation.svg is stale; regenerate it with: {cmd}"
    );
}

/// Loads an SVG in headless Chromium: returns the DOM it parsed and the
/// screenshot it took.
fn chromium(chrome: &Path, svg: &Path, size: (u32, u32), dark: bool) -> (String, Pixmap) {
    let shot = svg.with_extension("shot.png");
    let mut cmd = Command::new(chrome);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        &format!("--user-data-dir={}", s(&svg.with_extension("profile"))),
        &format!("--window-size={},{}", size.0, size.1),
        &format!("--screenshot={}", s(&shot)),
        "--dump-dom",
    ]);
    if dark {
        cmd.arg("--force-dark-mode");
    }
    let o = cmd
        .arg(format!("file://{}", s(svg)))
        .stdin(Stdio::null())
        .output()
        .expect("chromium runs");
    assert!(o.status.success(), "chromium failed on {}", svg.display());
    let dom = String::from_utf8_lossy(&o.stdout).into_owned();
    let png = Pixmap::load_png(&shot).expect("chromium wrote a screenshot");
    (dom, png)
}

#[test]
fn chromium_loads_every_svg_without_errors() {
    let Some(chrome) = tool("chromium", None) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.mlsd");
    std::fs::write(&hostile, HOSTILE).unwrap();
    let mut inputs = diagrams();
    inputs.push(hostile);
    for (i, d) in inputs.iter().enumerate() {
        for theme in ["light", "dark"] {
            let svg = dir.path().join(format!("{i}-{theme}.svg"));
            assert!(
                mlsd(&["render", s(d), "-o", s(&svg), "--theme", theme])
                    .status
                    .success()
            );
            let (dom, shot) = chromium(&chrome, &svg, (800, 600), false);
            assert!(!dom.contains("parsererror"), "{}: {dom}", svg.display());
            assert!(dom.contains("class=\"component\""), "{}", svg.display());
            assert!(
                !dom.contains("<script") && !dom.contains("<img"),
                "{}",
                svg.display()
            );
            // Something was drawn: many pixels differ from the corner's.
            let bg = shot.pixel(0, 0).unwrap();
            let drawn = shot.pixels().iter().filter(|p| **p != bg).count();
            assert!(drawn > 2000, "{}: only {drawn} pixels drawn", svg.display());
            let light = bg.red() > 200;
            assert_eq!(light, theme == "light", "{}", svg.display());
        }
    }
    // Auto follows the viewer's preference.
    let svg = dir.path().join("auto.svg");
    assert!(
        mlsd(&["render", s(&inputs[0]), "-o", s(&svg), "--theme", "auto"])
            .status
            .success()
    );
    let (_, light) = chromium(&chrome, &svg, (400, 300), false);
    let (_, dark) = chromium(&chrome, &svg, (400, 300), true);
    assert!(light.pixel(0, 0).unwrap().red() > 200);
    assert!(
        dark.pixel(0, 0).unwrap().red() < 40,
        "auto theme ignored prefers-color-scheme: dark"
    );
}

#[test]
fn dot_export_is_accepted_by_graphviz() {
    let Some(dot) = tool("dot", None) else { return };
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.mlsd");
    std::fs::write(&hostile, HOSTILE).unwrap();
    let mut inputs = diagrams();
    inputs.push(hostile);
    for d in &inputs {
        let o = mlsd(&["export", s(d), "--to", "dot"]);
        assert!(o.status.success());
        let text = String::from_utf8(o.stdout).unwrap();
        let src = dir.path().join("x.dot");
        std::fs::write(&src, &text).unwrap();
        let g = Command::new(&dot)
            .args(["-Tsvg", s(&src)])
            .output()
            .unwrap();
        assert!(
            g.status.success(),
            "{}: {}",
            d.display(),
            String::from_utf8_lossy(&g.stderr)
        );
        let svg = String::from_utf8(g.stdout).unwrap();
        let opts = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        roxmltree::Document::parse_with_options(&svg, opts).expect("graphviz SVG parses");
        if d == &inputs[inputs.len() - 1] {
            // Labels come out as typed (escaped once, by Graphviz).
            assert!(
                svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{svg}"
            );
            assert!(!svg.contains("<script"));
        }
    }
}

#[test]
fn d2_export_compiles_with_d2() {
    let Some(d2) = tool("d2", Some("d2")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.mlsd");
    std::fs::write(&hostile, HOSTILE).unwrap();
    let mut inputs = diagrams();
    inputs.push(hostile);
    for d in &inputs {
        let src = dir.path().join("x.d2");
        let out = dir.path().join("x.svg");
        assert!(
            mlsd(&["export", s(d), "--to", "d2", "-o", s(&src)])
                .status
                .success()
        );
        let o = Command::new(&d2)
            .args([s(&src), s(&out)])
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{}: {}",
            d.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        let svg = std::fs::read_to_string(&out).unwrap();
        if d == &inputs[inputs.len() - 1] {
            assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            assert!(!svg.contains("<script"));
        }
    }
}

#[test]
fn mermaid_export_renders_with_mermaid_cli() {
    let Some(mmdc) = tool("mmdc", Some("mmdc")) else {
        return;
    };
    let Some(chrome) = tool("chromium", None) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("puppeteer.json");
    std::fs::write(
        &config,
        format!(
            r#"{{"executablePath": "{}", "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]}}"#,
            s(&chrome)
        ),
    )
    .unwrap();
    let hostile = dir.path().join("hostile.mlsd");
    std::fs::write(&hostile, HOSTILE).unwrap();
    // mermaid-cli starts a browser per run (seconds), so one reference and
    // the hostile file.
    for d in [&diagrams()[0], &hostile] {
        let src = dir.path().join("x.mmd");
        let out = dir.path().join("x.svg");
        assert!(
            mlsd(&["export", s(d), "--to", "mermaid", "-o", s(&src)])
                .status
                .success()
        );
        let o = Command::new(&mmdc)
            .args(["-p", s(&config), "-i", s(&src), "-o", s(&out)])
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{}: {}",
            d.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(!svg.contains("Syntax error"), "{}", d.display());
        if d == &hostile {
            assert!(
                svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{svg}"
            );
            assert!(!svg.contains("<script") && !svg.contains("<img"));
        }
    }
}

#[test]
fn json_export_is_the_model() {
    let d = &diagrams()[0];
    let o = mlsd(&["export", s(d), "--to", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let doc = mlsd::analyze_str("d", &std::fs::read_to_string(d).unwrap());
    assert_eq!(v, doc.model.to_json());
}
