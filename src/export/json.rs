//! JSON: the model's span-free view (`Model::to_json`), pretty-printed. The
//! laid-out coordinates are `mlsd layout`'s job, not an export's.

use crate::model::Model;

pub fn export(model: &Model) -> String {
    let mut s = serde_json::to_string_pretty(&model.to_json()).expect("model JSON serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trips_through_a_json_parser() {
        let doc = crate::analyze_str("t", super::super::fixtures::ALL_KINDS);
        let out = super::export(&doc.model);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["components"].as_array().unwrap().len(),
            doc.model.graph.node_count()
        );
        assert_eq!(
            v["flows"].as_array().unwrap().len(),
            doc.model.graph.edge_count()
        );
        assert_eq!(v["components"][0]["label"], "Viewer \"V\"");
    }
}
