//! Colours. A colour per framework step, in a light and a dark palette; the
//! `auto` theme writes the light colours as attributes and the dark ones as a
//! `prefers-color-scheme: dark` stylesheet that overrides them.

use crate::vocab::Step;

/// Which palette a picture uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Theme {
    Light,
    Dark,
    /// Light colours, switched to dark by CSS where the viewer prefers dark.
    Auto,
}

impl Theme {
    pub const ALL: &'static [Theme] = &[Theme::Light, Theme::Dark, Theme::Auto];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }

    pub fn from_name(name: &str) -> Option<Theme> {
        Theme::ALL.iter().copied().find(|t| t.as_str() == name)
    }

    /// The palette written as attributes (auto starts light).
    pub fn base(self) -> &'static Palette {
        match self {
            Theme::Dark => &DARK,
            Theme::Light | Theme::Auto => &LIGHT,
        }
    }
}

/// The colours of one step: component fill and stroke, stage tint and title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepColors {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub stage_fill: &'static str,
    pub stage_stroke: &'static str,
    pub title: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    pub background: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub edge: &'static str,
    pub label_fill: &'static str,
    /// Index 0 is "no step"; then `Step::ALL` in order.
    pub steps: [StepColors; 9],
}

impl Palette {
    pub fn step(&self, step: Option<Step>) -> &StepColors {
        &self.steps[step_slot(step)]
    }
}

/// The class name for a step's colours (`step-data`, `step-none`).
pub fn step_class(step: Option<Step>) -> &'static str {
    const NAMES: [&str; 9] = [
        "step-none",
        "step-requirements",
        "step-framing",
        "step-data",
        "step-features",
        "step-training",
        "step-evaluation",
        "step-serving",
        "step-monitoring",
    ];
    NAMES[step_slot(step)]
}

fn step_slot(step: Option<Step>) -> usize {
    step.map_or(0, |s| {
        1 + Step::ALL
            .iter()
            .position(|&x| x == s)
            .expect("every step is in Step::ALL")
    })
}

const fn sc(
    fill: &'static str,
    stroke: &'static str,
    stage_fill: &'static str,
    stage_stroke: &'static str,
    title: &'static str,
) -> StepColors {
    StepColors {
        fill,
        stroke,
        stage_fill,
        stage_stroke,
        title,
    }
}

pub static LIGHT: Palette = Palette {
    background: "#ffffff",
    text: "#1f2937",
    muted: "#4b5563",
    edge: "#64748b",
    label_fill: "#ffffff",
    steps: [
        sc("#f1f5f9", "#64748b", "#f8fafc", "#cbd5e1", "#475569"), // none
        sc("#ede9fe", "#7c3aed", "#f7f5ff", "#d8ccfb", "#6d28d9"), // requirements
        sc("#fae8ff", "#a21caf", "#fdf6ff", "#efc6f7", "#86198f"), // framing
        sc("#dbeafe", "#2563eb", "#f3f8ff", "#bfd5fb", "#1d4ed8"), // data
        sc("#ccfbf1", "#0d9488", "#f0fdfa", "#a7e3d8", "#0f766e"), // features
        sc("#ffedd5", "#ea580c", "#fff8f1", "#fbcfa6", "#c2410c"), // training
        sc("#fef3c7", "#d97706", "#fffbeb", "#f5d78e", "#b45309"), // evaluation
        sc("#dcfce7", "#16a34a", "#f3fdf6", "#acdfbd", "#15803d"), // serving
        sc("#ffe4e6", "#e11d48", "#fff5f6", "#f8bcc6", "#be123c"), // monitoring
    ],
};

pub static DARK: Palette = Palette {
    background: "#0f172a",
    text: "#e5e7eb",
    muted: "#cbd5e1",
    edge: "#94a3b8",
    label_fill: "#0f172a",
    steps: [
        sc("#1e293b", "#94a3b8", "#131c2e", "#334155", "#cbd5e1"), // none
        sc("#2e1f5e", "#a78bfa", "#1a1636", "#4c3a8a", "#c4b5fd"), // requirements
        sc("#3b1844", "#e879f9", "#1f1430", "#6b2f75", "#f0abfc"), // framing
        sc("#172f5c", "#60a5fa", "#111d38", "#274b85", "#93c5fd"), // data
        sc("#113d3a", "#2dd4bf", "#0f2229", "#1d5e58", "#5eead4"), // features
        sc("#43230f", "#fb923c", "#24191d", "#7a3f17", "#fdba74"), // training
        sc("#3d3010", "#fbbf24", "#221f1d", "#6e5514", "#fcd34d"), // evaluation
        sc("#143d26", "#4ade80", "#10231f", "#1f6b3c", "#86efac"), // serving
        sc("#461525", "#fb7185", "#25162a", "#7f2038", "#fda4af"), // monitoring
    ],
};

/// CSS rules that repaint every classed element with `p`'s colours. Used
/// inside `@media (prefers-color-scheme: dark)` for the auto theme.
pub fn repaint_css(p: &Palette) -> String {
    let mut css = format!(
        ".bg{{fill:{bg}}}.title{{fill:{text}}}.edge-line{{stroke:{edge}}}.arrowhead{{fill:{edge}}}\
         .edge-label-bg{{fill:{lbg};stroke:{edge}}}.edge-label{{fill:{muted}}}.label{{fill:{text}}}",
        bg = p.background,
        text = p.text,
        edge = p.edge,
        lbg = p.label_fill,
        muted = p.muted,
    );
    let mut steps: Vec<Option<Step>> = vec![None];
    steps.extend(Step::ALL.iter().copied().map(Some));
    for step in steps {
        let c = p.step(step);
        let k = step_class(step);
        css.push_str(&format!(
            ".{k}.shape{{fill:{f};stroke:{s}}}.{k}.mark{{fill:{s};stroke:{s}}}.{k}.line{{stroke:{s}}}\
             .{k}.stage-box{{fill:{sf};stroke:{ss}}}.{k}.stage-title{{fill:{t}}}",
            f = c.fill,
            s = c.stroke,
            sf = c.stage_fill,
            ss = c.stage_stroke,
            t = c.title,
        ));
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_distinct_colours_in_both_palettes() {
        for p in [&LIGHT, &DARK] {
            let mut fills: Vec<&str> = p.steps.iter().map(|s| s.fill).collect();
            fills.sort_unstable();
            fills.dedup();
            assert_eq!(fills.len(), 9);
            for c in &p.steps {
                for v in [c.fill, c.stroke, c.stage_fill, c.stage_stroke, c.title] {
                    assert!(v.len() == 7 && v.starts_with('#'), "{v}");
                }
            }
        }
        assert_eq!(step_class(Some(Step::Serving)), "step-serving");
        assert_eq!(LIGHT.step(Some(Step::Data)).stroke, "#2563eb");
        assert_eq!(DARK.step(None).stroke, "#94a3b8");
    }

    #[test]
    fn dark_css_covers_every_step() {
        let css = repaint_css(&DARK);
        for s in Step::ALL {
            assert!(css.contains(&format!(".step-{}.shape{{", s.as_str())));
        }
        assert!(!css.contains('<') && !css.contains('&'));
    }
}
