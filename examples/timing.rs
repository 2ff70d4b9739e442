use std::time::Instant;
fn main() {
    for p in std::env::args().skip(1) {
        let bytes = std::fs::read(&p).unwrap();
        let t = Instant::now();
        let Ok(src) = mlsd::source::SourceFile::from_bytes(p.clone(), &bytes) else {
            println!("{p}: rejected");
            continue;
        };
        let (file, d1) = mlsd::syntax::parse(&src.text);
        let t1 = t.elapsed();
        let (_m, d2) = mlsd::model::lower(&file);
        let t2 = t.elapsed();
        let mut n = 0;
        for d in d1.iter().chain(&d2) {
            n += mlsd::diag::render_human(d, &src).len();
        }
        let t3 = t.elapsed();
        println!(
            "{p}: parse {:?} lower {:?} render {:?} diags {} bytes {}",
            t1,
            t2 - t1,
            t3 - t2,
            d1.len() + d2.len(),
            n
        );
    }
}
