//! The fixed vocabulary of the language: component kinds, framework steps,
//! task types and metric phases, with the synonyms people write for them.
//! Parser, checker, layout and grader all read these tables.

use serde::Serialize;

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The canonical spelling used in `.mlsd` files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Exact canonical spelling only; see `suggest_for` for near misses.
            pub fn from_name(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
            pub fn names() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().map(|v| v.as_str())
            }
        }
    };
}

vocabulary! {
    /// What a component is; each kind gets its own shape when rendered.
    Kind {
        Client = "client",
        Source = "source",
        Store = "store",
        Log = "log",
        Stream = "stream",
        Dataset = "dataset",
        Job = "job",
        Model = "model",
        Service = "service",
        Index = "index",
        Cache = "cache",
        Registry = "registry",
        Experiment = "experiment",
        Monitor = "monitor",
        Human = "human",
        External = "external",
    }
}

vocabulary! {
    /// The steps of the ML system design framework, in order.
    Step {
        Requirements = "requirements",
        Framing = "framing",
        Data = "data",
        Features = "features",
        Training = "training",
        Evaluation = "evaluation",
        Serving = "serving",
        Monitoring = "monitoring",
    }
}

vocabulary! {
    /// The ML task a design is framed as.
    TaskKind {
        Classification = "classification",
        Regression = "regression",
        Ranking = "ranking",
        Retrieval = "retrieval",
        Detection = "detection",
        Segmentation = "segmentation",
        LinkPrediction = "link-prediction",
        Generation = "generation",
        Clustering = "clustering",
    }
}

vocabulary! {
    /// Whether a metric is measured offline (on held-out data) or online (in production).
    Phase {
        Offline = "offline",
        Online = "online",
    }
}

vocabulary! {
    /// How the layout runs the main flow.
    Direction {
        Right = "right",
        Down = "down",
    }
}

/// Words people use for a kind that is not its canonical name.
const KIND_SYNONYMS: &[(&str, Kind)] = &[
    ("user", Kind::Client),
    ("users", Kind::Client),
    ("app", Kind::Client),
    ("db", Kind::Store),
    ("database", Kind::Store),
    ("table", Kind::Store),
    ("warehouse", Kind::Store),
    ("lake", Kind::Store),
    ("storage", Kind::Store),
    ("logs", Kind::Log),
    ("queue", Kind::Stream),
    ("topic", Kind::Stream),
    ("kafka", Kind::Stream),
    ("pipeline", Kind::Job),
    ("etl", Kind::Job),
    ("batch", Kind::Job),
    ("trainer", Kind::Job),
    ("api", Kind::Service),
    ("server", Kind::Service),
    ("endpoint", Kind::Service),
    ("ann", Kind::Index),
    ("vector", Kind::Index),
    ("dashboard", Kind::Monitor),
    ("alert", Kind::Monitor),
    ("alerts", Kind::Monitor),
    ("monitoring", Kind::Monitor),
    ("ab-test", Kind::Experiment),
    ("test", Kind::Experiment),
    ("labeler", Kind::Human),
    ("labeller", Kind::Human),
    ("reviewer", Kind::Human),
    ("person", Kind::Human),
    ("third-party", Kind::External),
];

/// Stage names that map to a step without `as STEP`. A stage name is split
/// into words (`feature_pipeline` → `feature`, `pipeline`) and the first word
/// found here decides.
const STEP_SYNONYMS: &[(&str, Step)] = &[
    ("requirements", Step::Requirements),
    ("requirement", Step::Requirements),
    ("reqs", Step::Requirements),
    ("clarification", Step::Requirements),
    ("scope", Step::Requirements),
    ("framing", Step::Framing),
    ("problem", Step::Framing),
    ("objective", Step::Framing),
    ("task", Step::Framing),
    ("data", Step::Data),
    ("ingestion", Step::Data),
    ("sources", Step::Data),
    ("source", Step::Data),
    ("collection", Step::Data),
    ("storage", Step::Data),
    ("logging", Step::Data),
    ("etl", Step::Data),
    ("labelling", Step::Data),
    ("labeling", Step::Data),
    ("labels", Step::Data),
    ("annotation", Step::Data),
    ("features", Step::Features),
    ("feature", Step::Features),
    ("featurization", Step::Features),
    ("embeddings", Step::Features),
    ("training", Step::Training),
    ("train", Step::Training),
    ("model", Step::Training),
    ("models", Step::Training),
    ("modeling", Step::Training),
    ("modelling", Step::Training),
    ("development", Step::Training),
    ("learning", Step::Training),
    ("evaluation", Step::Evaluation),
    ("eval", Step::Evaluation),
    ("validation", Step::Evaluation),
    ("testing", Step::Evaluation),
    ("experimentation", Step::Evaluation),
    ("experiments", Step::Evaluation),
    ("serving", Step::Serving),
    ("serve", Step::Serving),
    ("deployment", Step::Serving),
    ("deploy", Step::Serving),
    ("inference", Step::Serving),
    ("prediction", Step::Serving),
    ("online", Step::Serving),
    ("indexing", Step::Serving),
    ("retrieval", Step::Serving),
    ("ranking", Step::Serving),
    ("monitoring", Step::Monitoring),
    ("monitor", Step::Monitoring),
    ("observability", Step::Monitoring),
    ("operations", Step::Monitoring),
    ("ops", Step::Monitoring),
    ("feedback", Step::Monitoring),
];

const TASK_SYNONYMS: &[(&str, TaskKind)] = &[
    ("learning-to-rank", TaskKind::Ranking),
    ("ltr", TaskKind::Ranking),
    ("recommendation", TaskKind::Ranking),
    ("search", TaskKind::Retrieval),
    ("binary-classification", TaskKind::Classification),
    ("multiclass", TaskKind::Classification),
    ("multi-label", TaskKind::Classification),
    ("object-detection", TaskKind::Detection),
    ("link", TaskKind::LinkPrediction),
];

impl Kind {
    /// A kind people meant by a word that is not a kind, if there is one.
    pub fn synonym(word: &str) -> Option<Kind> {
        lookup(KIND_SYNONYMS, word)
    }
}

impl TaskKind {
    pub fn synonym(word: &str) -> Option<TaskKind> {
        lookup(TASK_SYNONYMS, word)
    }
}

impl Step {
    /// A step word or synonym, exactly (after lower-casing).
    pub fn synonym(word: &str) -> Option<Step> {
        Step::from_name(&word.to_ascii_lowercase()).or_else(|| lookup(STEP_SYNONYMS, word))
    }

    /// The step a stage name stands for: its first word that names one.
    pub fn from_stage_name(name: &str) -> Option<Step> {
        name.split(['_', '-'])
            .filter(|w| !w.is_empty())
            .find_map(Step::synonym)
    }

    /// Every word `synonym` accepts, for suggestions.
    pub fn synonym_words() -> impl Iterator<Item = &'static str> {
        STEP_SYNONYMS.iter().map(|(w, _)| *w)
    }

    /// Title-case display name, used as the default stage label.
    pub fn title(self) -> &'static str {
        match self {
            Step::Requirements => "Requirements",
            Step::Framing => "Framing",
            Step::Data => "Data",
            Step::Features => "Features",
            Step::Training => "Training",
            Step::Evaluation => "Evaluation",
            Step::Serving => "Serving",
            Step::Monitoring => "Monitoring",
        }
    }
}

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    let word = word.to_ascii_lowercase();
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_names_map_to_steps() {
        assert_eq!(Step::from_stage_name("data"), Some(Step::Data));
        assert_eq!(
            Step::from_stage_name("feature_pipeline"),
            Some(Step::Features)
        );
        assert_eq!(Step::from_stage_name("deployment"), Some(Step::Serving));
        assert_eq!(Step::from_stage_name("model-dev"), Some(Step::Training));
        assert_eq!(Step::from_stage_name("Monitoring"), Some(Step::Monitoring));
        assert_eq!(Step::from_stage_name("candidates"), None);
    }

    #[test]
    fn canonical_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_name(k.as_str()), Some(*k));
        }
        for s in Step::ALL {
            assert_eq!(Step::from_name(s.as_str()), Some(*s));
        }
        assert_eq!(Kind::synonym("database"), Some(Kind::Store));
    }
}
