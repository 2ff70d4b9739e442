//! The built-in library of case studies: for each standard ML system design
//! question, a prompt (`diagrams/<id>/prompt.md`) and one or more reference
//! answers (`diagrams/<id>/reference.mlsd`, `reference-<variant>.mlsd`).
//!
//! The files in diagrams/ are the source of truth; they are embedded with
//! `include_str!` so the library works in an installed binary. The list below
//! must match the directory, which tests/cases.rs checks.

/// One case study: a prompt to practise on and its reference answers.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// Folder name under diagrams/, e.g. `visual-search`.
    pub id: &'static str,
    /// The prompt in Markdown: a `# Title` heading, the question, then the
    /// clarified requirements as `- **Topic:** text` bullets.
    pub prompt: &'static str,
    /// The main reference first, then variants in file-name order.
    pub references: &'static [Reference],
}

/// One accepted answer to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    /// `main` for `reference.mlsd`, else the variant in `reference-<variant>.mlsd`.
    pub name: &'static str,
    /// Path relative to the repository root, e.g. `diagrams/visual-search/reference.mlsd`.
    pub path: &'static str,
    /// The `.mlsd` text.
    pub source: &'static str,
}

/// The name of the reference stored in `reference.mlsd`.
pub const MAIN: &str = "main";

macro_rules! library {
    ($($id:literal $([$($variant:literal),+])?),+ $(,)?) => {
        const CASES: &[Case] = &[$(Case {
            id: $id,
            prompt: include_str!(concat!("../diagrams/", $id, "/prompt.md")),
            references: &[
                Reference {
                    name: MAIN,
                    path: concat!("diagrams/", $id, "/reference.mlsd"),
                    source: include_str!(concat!("../diagrams/", $id, "/reference.mlsd")),
                },
                $($(Reference {
                    name: $variant,
                    path: concat!("diagrams/", $id, "/reference-", $variant, ".mlsd"),
                    source: include_str!(concat!("../diagrams/", $id, "/reference-", $variant, ".mlsd")),
                },)+)?
            ],
        }),+];
    };
}

// In the order a study plan usually takes them: retrieval and vision first,
// then recommendation and ranking.
library! {
    "visual-search",
    "street-view-blurring",
    "video-search",
    "harmful-content-detection",
    "video-recommendation",
    "event-recommendation",
    "ad-click-prediction",
    "similar-listings" ["batch"],
    "news-feed",
    "people-you-may-know" ["online"],
}

/// Every case, in library order.
pub fn all() -> &'static [Case] {
    CASES
}

/// The case with this id.
pub fn get(id: &str) -> Option<&'static Case> {
    CASES.iter().find(|c| c.id == id)
}

/// The closest known id to a mistyped one, for "did you mean". A word or
/// prefix of an id (`listings`, `ad-click`) names that id when it names only
/// one; when it fits several (`video`), there is no single suggestion.
pub fn suggest(id: &str) -> Option<&'static str> {
    let id = id.to_ascii_lowercase();
    if id.is_empty() {
        return None;
    }
    let fits: Vec<_> = CASES
        .iter()
        .filter(|c| c.id.starts_with(&id) || c.id.split('-').any(|w| w == id))
        .collect();
    match fits.as_slice() {
        [only] => Some(only.id),
        [] => crate::diag::suggest(&id, CASES.iter().map(|c| c.id)),
        _ => None,
    }
}

impl Case {
    /// The text of the prompt's first `# ` heading; the id if there is none.
    pub fn title(&self) -> &'static str {
        self.prompt
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .map(str::trim)
            .unwrap_or(self.id)
    }

    /// The business goal from the prompt's `- **Goal:**` bullet, on one line.
    pub fn goal(&self) -> Option<String> {
        let start = self.prompt.find("**Goal:**")? + "**Goal:**".len();
        let rest = &self.prompt[start..];
        // A bullet runs until the next bullet or a blank line.
        let end = rest
            .find("\n- ")
            .into_iter()
            .chain(rest.find("\n\n"))
            .min()
            .unwrap_or(rest.len());
        let goal = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
        (!goal.is_empty()).then_some(goal)
    }

    /// The reference with this name (`main` or a variant).
    pub fn reference(&self, name: &str) -> Option<&'static Reference> {
        self.references.iter().find(|r| r.name == name)
    }

    /// `reference.mlsd`, which every case has.
    pub fn main_reference(&self) -> &'static Reference {
        &self.references[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_every_case_starts_with_main() {
        let ids: BTreeSet<_> = all().iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), all().len());
        assert_eq!(all().len(), 10);
        for case in all() {
            assert_eq!(case.main_reference().name, MAIN, "{}", case.id);
            let names: BTreeSet<_> = case.references.iter().map(|r| r.name).collect();
            assert_eq!(names.len(), case.references.len(), "{}", case.id);
        }
    }

    #[test]
    fn every_prompt_has_a_title_and_a_goal() {
        for case in all() {
            assert_ne!(case.title(), case.id, "{} has no # heading", case.id);
            let goal = case.goal().unwrap_or_default();
            assert!(
                !goal.contains('\n') && goal.len() > 10,
                "{}: {goal:?}",
                case.id
            );
        }
    }

    #[test]
    fn goal_stops_at_the_next_bullet() {
        let case = Case {
            id: "x",
            prompt: "# X\n\n- **Goal:** sell more\n  tickets.\n- **Latency:** 1 ms\n",
            references: &[],
        };
        assert_eq!(case.goal().as_deref(), Some("sell more tickets."));
        assert_eq!(case.title(), "X");
    }

    #[test]
    fn lookup_and_suggestions() {
        assert_eq!(get("news-feed").map(|c| c.id), Some("news-feed"));
        assert!(get("news").is_none());
        assert_eq!(suggest("visual-serch"), Some("visual-search"));
        assert_eq!(suggest("listings"), Some("similar-listings"));
        assert_eq!(suggest("Ad-Click"), Some("ad-click-prediction"));
        // "video" is a word of three ids: no single suggestion.
        assert_eq!(suggest("video"), None);
        assert_eq!(suggest(""), None);
        let listings = get("similar-listings").unwrap();
        assert_eq!(listings.reference("batch").map(|r| r.name), Some("batch"));
        assert!(listings.reference("online").is_none());
    }
}
