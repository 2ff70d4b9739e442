fn main() {
    print!("{}", mlsd::synth::diagram(1000, 1500, 7));
}
